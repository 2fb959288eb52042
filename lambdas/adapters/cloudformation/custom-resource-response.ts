import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export type CustomResourceOutcome = { status: 'SUCCESS'; data: Record<string, string> } | { status: 'FAILED'; reason: string };

/**
 * Tells CloudFormation how a custom resource request ended: a PUT of the response document to the
 * request's pre-signed URL, which CloudFormation waits for (without it, a stack waits an hour).
 */
export async function sendCustomResourceResponse(
  event: CloudFormationCustomResourceEvent,
  physicalResourceId: string,
  outcome: CustomResourceOutcome,
): Promise<void> {
  const body = JSON.stringify({
    Status: outcome.status,
    Reason: outcome.status === 'FAILED' ? outcome.reason : 'see the Data',
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(outcome.status === 'SUCCESS' ? { Data: outcome.data } : {}),
  });
  // The pre-signed URL signs no content type: one sent would not match the signature.
  const res = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!res.ok) throw new Error(`CloudFormation's response URL answered ${res.status}`);
}
