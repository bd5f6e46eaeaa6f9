import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '../../common/errors.js';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from '../workflow.options.js';
import { DecisionDeployer } from '../decisions/decision.deployer.js';
import { DefinitionDeployer } from './definition.deployer.js';

/**
 * Syncs `workflows/` at startup: the decisions (`*.dmn`) first, then the flows (`*.bpmn`). A
 * file's content is deployed once; an administrator's flow version in use is never replaced
 * (the file waits as a newer default to adopt).
 */
@Injectable()
export class DefinitionFilesLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DefinitionFilesLoader.name);

  constructor(
    private readonly deployer: DefinitionDeployer,
    private readonly decisions: DecisionDeployer,
    @Inject(WORKFLOW_OPTIONS) private readonly options: WorkflowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.options.workflowsDir;
    if (dir) await this.deployFolder(dir);
  }

  /** A file that fails to compile is logged with its problems and skipped; the rest deploy. */
  async deployFolder(dir: string): Promise<void> {
    const names = (await readdir(dir)).sort();
    for (const file of names.filter((f) => f.endsWith('.dmn'))) {
      const xml = await readFile(join(dir, file), 'utf8');
      try {
        const row = await this.decisions.deploy({
          xml,
          source: 'file',
          sourceName: file,
          deployedBy: null,
        });
        this.logger.log(`Decisions ${row.decisionIds.join(', ')} from ${file}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.error(
          { file, problems: error.details.problems },
          `Skipped ${file}: it does not compile`,
        );
      }
    }
    for (const file of names.filter((f) => f.endsWith('.bpmn'))) {
      const xml = await readFile(join(dir, file), 'utf8');
      try {
        const rows = await this.deployer.syncFile(xml, file);
        for (const row of rows) {
          this.logger.log(`Deployed ${row.processId} v${row.version} from ${file}`);
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.error(
          { file, problems: error.details.problems },
          `Skipped ${file}: it does not compile`,
        );
      }
    }
  }
}
