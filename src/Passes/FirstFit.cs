namespace TorchJit.Passes;

/// <summary>
/// Places buffers with lifetimes in one address space, as the memory planners need: largest first, each at the
/// lowest aligned offset clear of every placed buffer whose lifetime overlaps its own (inclusive positions).
/// </summary>
internal static class FirstFit
{
    /// <summary>A buffer to place: its size and the first and last positions at which it is live.</summary>
    public readonly record struct Request(long Size, int Start, int End);

    /// <summary>The offset of each request, in order, and the end of the highest one (aligned).</summary>
    public static (long[] Offsets, long End) Place(IReadOnlyList<Request> requests, long alignment)
    {
        var offsets = new long[requests.Count];
        var placed = new List<int>();
        long end = 0;
        var order = Enumerable.Range(0, requests.Count).OrderByDescending(i => requests[i].Size).ThenBy(i => requests[i].Start);
        foreach (int i in order)
        {
            var r = requests[i];
            long offset = 0;
            foreach (int j in placed.Where(j => requests[j].Start <= r.End && r.Start <= requests[j].End).OrderBy(j => offsets[j]))
            {
                if (offset + r.Size <= offsets[j]) break;
                offset = Math.Max(offset, Align(offsets[j] + requests[j].Size, alignment));
            }

            offsets[i] = offset;
            placed.Add(i);
            end = Math.Max(end, Align(offset + r.Size, alignment));
        }

        return (offsets, end);
    }

    /// <summary><paramref name="n"/> rounded up to a multiple of <paramref name="alignment"/>.</summary>
    public static long Align(long n, long alignment) => (n + alignment - 1) / alignment * alignment;
}
