package dev.dyndns53.bench;

/** The floor of the benchmark: a JVM that starts, prints one line and reports its peak memory. */
public final class HelloWorld {
  private HelloWorld() {}

  public static void main(String[] args) {
    System.out.println("BENCH mark=answered answer=hello");
    System.out.println(
        "BENCH cpuMs=" + ProcStats.cpuMillis() + " peakRssKb=" + ProcStats.peakRssKb());
  }
}
