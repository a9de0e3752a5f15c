using System.Numerics;

namespace TorchJit.Cli;

/// <summary>
/// Latencies in microseconds, recorded from many threads without a lock: exact below 128 µs, then 64 buckets per
/// power of two (within 1.6%), as HdrHistogram keeps them. Percentiles read the bucket's lower bound. Each load
/// client records into a histogram of its own (no cache line shared between workers running continuations
/// inline); <see cref="Merge"/> sums them for reading.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private readonly long[] counts = new long[Linear + (63 - 7) * SubBuckets];

    public void Record(long microseconds)
    {
        long v = Math.Max(0, microseconds);
        Interlocked.Increment(ref counts[Index(v)]);
    }

    public long Count
    {
        get
        {
            long n = 0;
            for (int i = 0; i < counts.Length; i++) n += Volatile.Read(ref counts[i]);
            return n;
        }
    }

    /// <summary>The latency under which <paramref name="fraction"/> of the recorded ones fall, in milliseconds.</summary>
    public double Percentile(double fraction)
    {
        long total = Count;
        if (total == 0) return double.NaN;
        long rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += Volatile.Read(ref counts[i]);
            if (seen >= rank) return LowerBound(i) / 1000.0;
        }

        return LowerBound(counts.Length - 1) / 1000.0;
    }

    public void Clear() => Array.Clear(counts);

    /// <summary>A histogram holding the sum of <paramref name="parts"/> (read while they are being written: a snapshot).</summary>
    public static LatencyHistogram Merge(IEnumerable<LatencyHistogram> parts)
    {
        var sum = new LatencyHistogram();
        foreach (var part in parts)
        {
            for (int i = 0; i < sum.counts.Length; i++) sum.counts[i] += Volatile.Read(ref part.counts[i]);
        }

        return sum;
    }

    private static int Index(long v)
    {
        if (v < Linear) return (int)v;
        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)v); // >= 7
        int shift = exponent - 6;
        int sub = (int)(v >> shift) - SubBuckets; // the 6 bits below the leading one
        return Linear + (exponent - 7) * SubBuckets + sub;
    }

    private static long LowerBound(int index)
    {
        if (index < Linear) return index;
        int exponent = (index - Linear) / SubBuckets + 7;
        int sub = (index - Linear) % SubBuckets + SubBuckets;
        return (long)sub << (exponent - 6);
    }
}
