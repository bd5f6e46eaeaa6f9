import { Injectable } from '@nestjs/common';

/** A process as its `workflows/` file defines it: the default an administrator may adopt. */
export interface DefaultDefinition {
  processId: string;
  sourceName: string;
  xml: string;
  contentHash: string;
}

/**
 * The `workflows/` files this process read at startup, by process id. Kept in memory: every
 * API process reads the same folder, so each knows the defaults without storing them.
 */
@Injectable()
export class DefaultDefinitions {
  private readonly byProcess = new Map<string, DefaultDefinition>();

  remember(definition: DefaultDefinition): void {
    this.byProcess.set(definition.processId, definition);
  }

  of(processId: string): DefaultDefinition | null {
    return this.byProcess.get(processId) ?? null;
  }
}
