import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ProblemException } from '../../common/problem.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import { DefinitionDeployer } from './definition.deployer.js';

/**
 * Syncs `workflows/*.bpmn` at startup: a file's content is deployed once; an administrator's
 * version in use is never replaced (the file waits as a newer default to adopt).
 */
@Injectable()
export class DefinitionFilesLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DefinitionFilesLoader.name);

  constructor(
    private readonly deployer: DefinitionDeployer,
    @Inject(WORKFLOW_OPTIONS) private readonly options: WorkflowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.options.workflowsDir;
    if (dir) await this.deployFolder(dir);
  }

  /** A file that fails to compile is logged with its problems and skipped; the rest deploy. */
  async deployFolder(dir: string): Promise<void> {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort();
    for (const file of files) {
      const xml = await readFile(join(dir, file), 'utf8');
      try {
        const rows = await this.deployer.syncFile(xml, file);
        for (const row of rows) {
          this.logger.log(`Deployed ${row.processId} v${row.version} from ${file}`);
        }
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        this.logger.error(
          { file, problems: error.extras.problems },
          `Skipped ${file}: it does not compile`,
        );
      }
    }
  }
}
