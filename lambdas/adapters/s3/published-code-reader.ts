import * as path from 'node:path';
import type { CodeScan } from '../../core/code/code-read';
import { CodeTreeError } from '../../core/code/code-tree-error';
import { parsePublishedScan, type PublishedScan } from '../../core/code/published-scan';
import type { CodeReader, CodeTree } from '../../ports/code-reader';
import { CODE_SCAN_FILE } from './bucket-layout';
import type { S3Objects } from './s3-objects';

/**
 * The Lambda's code reader: no checkout on AWS, so it reads the scan `drift publish` uploaded beside
 * the estate file (`estates/<name>/code-scan.json`), once per audit.
 */
export class PublishedCodeReader implements CodeReader {
  private published?: Promise<PublishedScan>;

  constructor(
    private readonly objects: S3Objects,
    private readonly estateKey: string,
  ) {}

  async scan(tree: CodeTree): Promise<CodeScan> {
    const doc = await (this.published ??= this.read());
    const found = doc.trees.find((t) => t.path === tree.path);
    if (!found) throw new CodeTreeError(`${tree.path} has no published scan: run drift publish from a checkout of the code`);
    return found.scan;
  }

  private async read(): Promise<PublishedScan> {
    const key = path.posix.join(path.posix.dirname(this.estateKey), CODE_SCAN_FILE);
    const got = await this.objects.get(key);
    if (!got) throw new CodeTreeError(`no ${CODE_SCAN_FILE} beside the estate: run drift publish from a checkout of the code`);
    return parsePublishedScan(got.body.toString('utf8'), key);
  }
}
