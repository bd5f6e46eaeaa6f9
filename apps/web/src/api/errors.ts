/** One field the API rejected; `field` is a dotted path such as `segments.0.ownerId`. */
export interface FieldError {
  field: string;
  message: string;
}

/** A BPMN validation problem tied to a diagram element. */
export interface ElementProblem {
  elementId: string;
  line?: number;
  message: string;
}

/** A rejected spreadsheet row (roster import). */
export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/** Problem JSON as the API sends it (RFC 9457 plus our extensions). */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: (FieldError | RowError)[];
  problems?: ElementProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function isRowError(value: unknown): value is RowError {
  return isRecord(value) && typeof value.row === 'number' && typeof value.reason === 'string';
}

function isElementProblem(value: unknown): value is ElementProblem {
  return (
    isRecord(value) && typeof value.elementId === 'string' && typeof value.message === 'string'
  );
}

/** Every failed API call rejects with this; forms read `fieldErrors`, the roster page `rowErrors`. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly rowErrors: RowError[];
  readonly problems: ElementProblem[];

  constructor(status: number, body: unknown) {
    const problem: Record<string, unknown> = isRecord(body) ? body : {};
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = typeof problem.type === 'string' ? problem.type : undefined;
    const errors = Array.isArray(problem.errors) ? (problem.errors as unknown[]) : [];
    this.fieldErrors = errors.filter(isFieldError);
    this.rowErrors = errors.filter(isRowError);
    this.problems = Array.isArray(problem.problems)
      ? (problem.problems as unknown[]).filter(isElementProblem)
      : [];
  }

  /** Field errors keyed by field path, the first message per field. */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const { field, message } of this.fieldErrors) map[field] ??= message;
    return map;
  }
}

/** The network failed before any HTTP answer arrived. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('网络连接失败', { cause });
    this.name = 'NetworkError';
  }
}
