package io.parsigex.plugins.bls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs the parts of one verification on the available cores: the calling thread takes the first
 * part, the common pool the others. Stateless.
 */
final class Parallel {

  private Parallel() {}

  /** The number of parts worth making for work of this total weight. */
  static int parts(long totalWeight, int threshold) {
    int cores = Runtime.getRuntime().availableProcessors();
    return totalWeight >= threshold ? (int) Math.max(1, Math.min(cores, totalWeight / 2)) : 1;
  }

  /**
   * Splits items into at most {@code parts} contiguous runs of about equal total weight.
   *
   * @return the non-empty runs, in order
   */
  static <T> List<List<T>> split(List<T> items, ToLongFunction<T> weight, int parts) {
    long total = 0;
    for (T item : items) {
      total += weight.applyAsLong(item);
    }
    List<List<T>> runs = new ArrayList<>(parts);
    List<T> run = new ArrayList<>();
    long done = 0;
    for (T item : items) {
      run.add(item);
      done += weight.applyAsLong(item);
      if (runs.size() < parts - 1 && done * parts >= total * (runs.size() + 1)) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  /**
   * Applies fn to every run, the first on this thread.
   *
   * @return the results, in run order
   * @throws RuntimeException what fn threw
   */
  static <T, R> List<R> map(List<List<T>> runs, Function<List<T>, R> fn) {
    List<CompletableFuture<R>> others = new ArrayList<>(runs.size());
    for (int i = 1; i < runs.size(); i++) {
      List<T> run = runs.get(i);
      others.add(CompletableFuture.supplyAsync(() -> fn.apply(run), ForkJoinPool.commonPool()));
    }
    List<R> results = new ArrayList<>(runs.size());
    RuntimeException failure = null;
    if (!runs.isEmpty()) {
      try {
        results.add(fn.apply(runs.get(0)));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    for (CompletableFuture<R> f : others) {
      try {
        results.add(f.join());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}
