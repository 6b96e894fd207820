// What every method returns: a promise of the operation's documented body, with
// `.withResponse()` for the raw response and request id of the same call (never a second one).

/** A success with what it came with. */
export interface WithResponse<T> {
  data: T;
  /** The response as the fetch returned it; its body has been read. */
  response: Response;
  /** The server's request id (`x-request-id` or `request-id`), when it sends one. */
  requestId: string | undefined;
}

export class APIPromise<T> extends Promise<T> {
  #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T)); // unused: then, catch and finally read #result
    this.#result = result;
  }

  // Promise's own methods (then on a subclass, Promise.all, ...) make plain promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The documented body together with the response and the request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  #body(): Promise<T> {
    return (this.#data ??= this.#result.then((result) => result.data));
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#body().then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#body().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#body().finally(onFinally);
  }
}
