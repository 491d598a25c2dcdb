package dev.visitorauth.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * HS256 ours against the floor (TokenVerificationBenchmark's contenders and token) in the CPU time
 * of the measuring thread, for a machine too busy for JMH's wall-clock time: rounds alternate
 * between the two (each round's pair ran under the same load), the first third is warm-up, and
 * the medians are reported.
 * Usage: java -cp benchmarks.jar dev.visitorauth.benchmarks.TokenCpuTime [rounds] [tokens per round]
 */
public final class TokenCpuTime {
    private TokenCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        TokenVerificationBenchmark.Hs256 s = new TokenVerificationBenchmark.Hs256();
        s.setUp();
        int warmUp = rounds / 3;
        long[] ours = new long[rounds - warmUp];
        long[] floor = new long[rounds - warmUp];
        double[] ratios = new double[rounds - warmUp];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += s.ours.verify(s.request).hashCode();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += TokenVerificationBenchmark.floor(s);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            if (round >= warmUp) {
                ours[round - warmUp] = t1 - t0;
                floor[round - warmUp] = t2 - t1;
                ratios[round - warmUp] = (t1 - t0) / (double) (t2 - t1);
            }
        }
        Arrays.sort(ours);
        Arrays.sort(floor);
        Arrays.sort(ratios);
        double o = ours[ours.length / 2] / (double) perRound;
        double f = floor[floor.length / 2] / (double) perRound;
        System.out.printf("CPU ns per token, median of %d rounds of %d: ours %.0f (p10 %.0f, p90 %.0f), floor %.0f (p10 %.0f, p90 %.0f), ratio of medians %.3f, median of the rounds' ratios %.3f [%d]%n",
                ours.length, perRound, o, ours[ours.length / 10] / (double) perRound, ours[ours.length * 9 / 10] / (double) perRound,
                f, floor[floor.length / 10] / (double) perRound, floor[floor.length * 9 / 10] / (double) perRound, o / f, ratios[ratios.length / 2], sink & 1);
    }
}
