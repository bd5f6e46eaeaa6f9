import { ref, type Ref } from 'vue';

export interface Loading {
  /** True while the latest `run` is under way. */
  loading: Ref<boolean>;
  /** The latest `run`'s failure, as a message; null when it succeeded or is under way. */
  error: Ref<string | null>;
  /**
   * Runs `work` (a page's load), keeping `loading` and `error` current; resolves false when it
   * failed. When runs overlap (a filter changed mid-load), only the latest one sets them.
   */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/** The loading and error state of a page's data (the StateBlock's `loading` and `error`). */
export function useLoading(): Loading {
  const loading = ref(false);
  const error = ref<string | null>(null);
  let latest = 0;

  async function run(work: () => Promise<unknown>): Promise<boolean> {
    const mine = ++latest;
    loading.value = true;
    error.value = null;
    try {
      await work();
      return true;
    } catch (failure) {
      if (mine === latest)
        error.value = failure instanceof Error ? failure.message : String(failure);
      return false;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  return { loading, error, run };
}
