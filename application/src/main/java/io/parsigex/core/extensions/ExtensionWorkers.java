package io.parsigex.core.extensions;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded worker pool of one extension point. Unlike a {@link
 * java.util.concurrent.ThreadPoolExecutor},
 * a call that runs past its deadline does not keep its worker: the call is abandoned (its future
 * completes with {@link CallTimedOut}), its thread is interrupted and no longer counted as a
 * worker,
 * and a fresh worker takes its place, so hung plugin calls never stop the point from processing.
 * Abandoned threads are counted; at most {@code maxAbandoned} are tolerated, beyond that a hung
 * worker is no longer replaced (the point then runs with fewer workers; the circuit breaker keeps
 * the hung plugin from being called again long before that). An abandoned thread that finally
 * returns exits.
 *
 * <p>A call that is still queued at its deadline completes with {@link CallExpiredInQueue}: the
 * node had no free worker, which is its own capacity, not the plugin's fault.
 *
 * <p>Thread-safe. Threads are daemons named {@code parsigex-<point>-<n>}.
 */
final class ExtensionWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExtensionWorkers.class);

  /** The call ran past its deadline on a worker; that worker was abandoned. */
  static final class CallTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallTimedOut(String message) {
      super(message, null, false, false);
    }
  }

  /** The call waited in the queue past its deadline; it never ran. */
  static final class CallExpiredInQueue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallExpiredInQueue(String message) {
      super(message, null, false, false);
    }
  }

  private enum State { QUEUED, RUNNING, DONE }

  /** One call: its body, its future, and which worker runs it. */
  private final class Task<R> {
    final Callable<R> body;
    final CompletableFuture<R> future = new CompletableFuture<>();
    final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    volatile Worker runner;
    volatile ScheduledFuture<?> deadline;

    Task(Callable<R> body) {
      this.body = body;
    }

    void run(Worker w) {
      runner = w;
      if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
        return; // expired in the queue
      }
      R value = null;
      Throwable failure = null;
      try {
        value = body.call();
      } catch (Throwable t) {
        failure = t;
      }
      if (state.compareAndSet(State.RUNNING, State.DONE)) {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
          d.cancel(false);
        }
        if (failure != null) {
          future.completeExceptionally(failure);
        } else {
          future.complete(value);
        }
      }
      if (failure instanceof VirtualMachineError vme && !(failure instanceof StackOverflowError)) {
        throw vme;
      }
    }

    void cancel(RuntimeException why) {
      if (state.compareAndSet(State.QUEUED, State.DONE)
          || state.compareAndSet(State.RUNNING, State.DONE)) {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
          d.cancel(false);
        }
        future.completeExceptionally(why);
      }
    }

    void expire(long timeoutMillis) {
      if (state.compareAndSet(State.QUEUED, State.DONE)) {
        queue.remove(this);
        future.completeExceptionally(new CallExpiredInQueue("no " + point.label()
            + " worker free within " + timeoutMillis + " ms"));
      } else if (state.compareAndSet(State.RUNNING, State.DONE)) {
        abandon(runner);
        future.completeExceptionally(new CallTimedOut("no answer within " + timeoutMillis
            + " ms; the call was abandoned and its worker replaced"));
      }
    }
  }

  /** One worker thread; {@code abandoned} once a call it runs timed out. */
  private final class Worker implements Runnable {
    final Thread thread;
    volatile boolean abandoned;
    volatile Task<?> current;

    Worker() {
      this.thread = new Thread(this, "parsigex-" + point.label() + "-" + names.incrementAndGet());
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (!closed && !abandoned) {
          Task<?> t;
          try {
            t = queue.take();
          } catch (InterruptedException e) {
            if (closed || abandoned) {
              return;
            }
            continue;
          }
          current = t;
          if (closed) {
            // taken from the queue while close() ran: never run a call after close
            t.cancel(new CallExpiredInQueue("the " + point.label() + " workers are closed"));
            return;
          }
          t.run(this);
          current = null;
          if (!abandoned) {
            Thread.interrupted(); // an interrupt meant for a call must not leak into the next
          }
        }
      } finally {
        workers.remove(this);
        if (abandoned) {
          abandonedNow.decrementAndGet();
          log.info("An abandoned {} worker ({}) returned and exits", point.label(),
              thread.getName());
        } else if (!closed) {
          // only an error (out of memory, say) ends a worker otherwise: keep the pool's size
          liveWorkers.decrementAndGet();
          startWorker();
        }
      }
    }
  }

  private final ExtensionPointKind point;
  private final int maxAbandoned;
  private final ScheduledExecutorService timer;
  private final BlockingQueue<Task<?>> queue;
  private final AtomicInteger names = new AtomicInteger();
  private final AtomicInteger liveWorkers = new AtomicInteger();
  private final AtomicInteger abandonedNow = new AtomicInteger();
  private final AtomicLong abandonedTotal = new AtomicLong();
  private final AtomicLong unreplaced = new AtomicLong();
  private final java.util.Set<Worker> workers =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Starts the workers.
   *
   * @param point the extension point these workers serve (names the threads)
   * @param size how many calls run at once
   * @param queueCapacity how many calls may wait for a worker; more are refused
   * @param maxAbandoned how many abandoned (hung) threads are tolerated before hung workers are
   *     no longer replaced
   * @param timer runs the deadlines (shared; one thread is enough)
   */
  ExtensionWorkers(ExtensionPointKind point, int size, int queueCapacity, int maxAbandoned,
      ScheduledExecutorService timer) {
    if (size < 1 || queueCapacity < 1 || maxAbandoned < 0) {
      throw new IllegalArgumentException("workers and queue must be positive, maxAbandoned >= 0");
    }
    this.point = Objects.requireNonNull(point, "point");
    this.maxAbandoned = maxAbandoned;
    this.timer = Objects.requireNonNull(timer, "timer");
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    for (int i = 0; i < size; i++) {
      startWorker();
    }
  }

  /**
   * Queues a call.
   *
   * @param body the plugin call
   * @param timeout its deadline, from now (queue wait included)
   * @param <R> the result type
   * @return completes with the result, the body's exception, {@link CallTimedOut} or
   *     {@link CallExpiredInQueue}
   * @throws RejectedExecutionException when the queue is full or the workers are closed
   */
  <R> CompletableFuture<R> submit(Callable<R> body, Duration timeout) {
    if (closed) {
      throw new RejectedExecutionException("the " + point.label() + " workers are closed");
    }
    Task<R> task = new Task<>(body);
    long millis = Math.max(1, timeout.toMillis());
    // the deadline is armed before the task is visible to a worker, so every run has one
    task.deadline = timer.schedule(() -> task.expire(millis), millis, TimeUnit.MILLISECONDS);
    if (!queue.offer(task)) {
      task.deadline.cancel(false);
      throw new RejectedExecutionException("the " + point.label() + " worker queue is full");
    }
    return task.future;
  }

  private void abandon(Worker w) {
    if (w == null || w.abandoned) {
      return;
    }
    w.abandoned = true;
    liveWorkers.decrementAndGet();
    abandonedNow.incrementAndGet();
    abandonedTotal.incrementAndGet();
    w.thread.interrupt();
    if (closed) {
      return;
    }
    if (abandonedNow.get() <= maxAbandoned) {
      startWorker();
    } else {
      unreplaced.incrementAndGet();
      log.warn("{} {} worker threads are hung (limit {}); {} not replaced, {} workers left",
          abandonedNow.get(), point.label(), maxAbandoned, w.thread.getName(), liveWorkers.get());
    }
  }

  private void startWorker() {
    Worker w = new Worker();
    workers.add(w);
    liveWorkers.incrementAndGet();
    w.thread.start();
  }

  /**
   * Workers that take calls now.
   *
   * @return the count (hung, abandoned threads are not counted)
   */
  int liveWorkers() {
    return liveWorkers.get();
  }

  /**
   * Abandoned threads that have not returned yet.
   *
   * @return the count
   */
  int abandonedThreads() {
    return abandonedNow.get();
  }

  /**
   * Every worker ever abandoned.
   *
   * @return the count
   */
  long abandonedTotal() {
    return abandonedTotal.get();
  }

  /**
   * Whether one more hung call could still be replaced by a fresh worker.
   *
   * @return false once {@code maxAbandoned} threads are hung
   */
  boolean roomToAbandon() {
    return abandonedNow.get() < maxAbandoned;
  }

  /**
   * Stops the workers. Queued and running calls complete at once (as expired and timed out), so
   * no caller waits on a closed pool; running calls are interrupted.
   */
  @Override
  public void close() {
    closed = true;
    for (Task<?> t; (t = queue.poll()) != null; ) {
      t.cancel(new CallExpiredInQueue("the " + point.label() + " workers are closed"));
    }
    for (Worker w : workers) {
      Task<?> t = w.current;
      if (t != null) {
        t.cancel(new CallTimedOut("the " + point.label() + " workers are closed"));
      }
      w.thread.interrupt();
    }
  }
}
