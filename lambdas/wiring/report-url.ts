import { reportHtmlKey } from '../adapters/s3/bucket-layout';

/** What a report link is made from: the installation's bucket and region, or the base URL it serves `runs/` under. */
export interface ReportLinkConfig {
  bucket: string;
  region: string;
  reportBaseUrl?: string;
}

/** The console's domain in the region's partition (China and GovCloud have their own). */
function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return `${region}.console.amazonaws.cn`;
  if (region.startsWith('us-gov-')) return `${region}.console.amazonaws-us-gov.com`;
  return `${region}.console.aws.amazon.com`;
}

/** The S3 console page of one object: it opens for whoever may read the bucket, and makes nothing public. */
export const s3ConsoleUrl = (bucket: string, region: string, key: string): string =>
  `https://${consoleHost(region)}/s3/object/${encodeURIComponent(bucket)}?region=${encodeURIComponent(region)}&bucketType=general&prefix=${encodeURIComponent(key)}`;

/**
 * The link a digest gives to a run's HTML report, one that still works next morning: under the
 * installation's base URL when it has one, else the object's S3 console page (no presigned URL,
 * which would expire, and no public object).
 */
export function reportLink(config: ReportLinkConfig): (runId: string, estate: string) => string {
  return (runId, estate) => {
    const key = reportHtmlKey(runId, estate);
    return config.reportBaseUrl ? `${config.reportBaseUrl}/${key}` : s3ConsoleUrl(config.bucket, config.region, key);
  };
}
