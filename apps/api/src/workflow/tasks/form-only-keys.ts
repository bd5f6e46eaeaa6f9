import { Injectable } from '@nestjs/common';

/**
 * Form keys whose tasks complete only through their domain form, which writes the form's rows
 * in the completion's transaction; a bare completion would skip them. Domain modules add
 * theirs when they register the form.
 */
@Injectable()
export class FormOnlyKeys {
  private readonly keys = new Set<string>();

  add(formKey: string): void {
    this.keys.add(formKey);
  }

  has(formKey: string | null): boolean {
    return formKey !== null && this.keys.has(formKey);
  }
}
