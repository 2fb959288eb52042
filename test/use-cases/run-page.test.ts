import { renderRunIndex } from '../../lambdas/adapters/reports/html-run-index';
import { reportHref } from '../../lambdas/adapters/s3/bucket-layout';
import type { RenderedReport, RunArtifacts } from '../../lambdas/ports/run-artifacts';
import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml } from '../helpers/estate';

const db = useDynalite();

/** notify-run over estates whose audits wrote `pages` (estate → HTML); returns what it wrote as the run's page. */
async function runPage(pages: Record<string, string>, estates: string[]): Promise<RenderedReport | undefined> {
  const { store } = await db.freshTable();
  let written: RenderedReport | undefined;
  const artifacts = {
    getReport: async () => undefined,
    getHtmlReport: async (_runId: string, estate: string) => pages[estate],
    putRunPage: async (_runId: string, page: RenderedReport) => ((written = page), 'runs/r/report.html'),
  } as unknown as RunArtifacts;
  const deps: NotifyRunDeps = {
    estates: {
      listKeys: async () => estates.map((e) => `estates/${e}/drift.yaml`),
      load: async (ref) => {
        const name = ref.key.split('/')[1]!;
        const estate = { ...estateFrom(estateYaml(['us'])), name };
        return { ref, estate, baseline: { file: ref.key, sha256: 'abc' } };
      },
    },
    artifacts,
    store,
    events: [{ name: 'sns', label: 'SNS', port: { publish: async () => ({ sent: [], failed: [] }) } }],
    digests: [
      {
        name: 'slack',
        label: 'Slack',
        port: async () => {
          throw new Error('no digest is due in this test');
        },
      },
    ],
    runIndex: (runId, names) =>
      renderRunIndex(
        runId,
        names.map((estate) => ({ estate, href: reportHref(estate) })),
      ),
    now: () => new Date('2026-11-24T09:00:00Z'),
  };
  await notifyRun({ runId: 'nightly-1', estates: estates.map((e) => ({ key: `estates/${e}/drift.yaml` })) }, deps);
  return written;
}

describe("the run's page, runs/{runId}/report.html", () => {
  test('is the one estate’s report when the run audited one', async () => {
    const page = await runPage({ shop: '<html>shop report</html>' }, ['shop']);
    expect(page).toEqual({ body: '<html>shop report</html>', mediaType: 'text/html; charset=utf-8' });
  });

  test('links every estate’s report when the run audited several, names escaped', async () => {
    const page = await runPage({ shop: '<html>a</html>', 'pay<ments>': '<html>b</html>' }, ['shop', 'pay<ments>']);
    expect(page?.body).toContain('<a href="reports/shop.html">shop</a>');
    expect(page?.body).toContain('<a href="reports/pay%3Cments%3E.html">pay&lt;ments&gt;</a>');
    expect(page?.body).not.toContain('<script');
  });

  test('is not written when no audit wrote a page', async () => {
    expect(await runPage({}, ['shop'])).toBeUndefined();
  });
});
