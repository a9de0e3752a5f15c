using System.Text;

namespace TorchJit.Frontend;

/// <summary>
/// A line diff in the style of Python's <c>difflib.ndiff</c> (without its <c>?</c> hint lines): each line of
/// either text prefixed <c>"  "</c> when in both, <c>"- "</c> when only in the first, <c>"+ "</c> when only in the
/// second, aligned on a longest common subsequence of lines.
/// </summary>
public static class LineDiff
{
    /// <summary>The diff of <paramref name="before"/> and <paramref name="after"/>, one line each, each ending in a newline.</summary>
    public static string Ndiff(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        // lcs[i, j]: the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var sb = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                sb.Append("  ").Append(a[x++]).Append('\n');
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                sb.Append("+ ").Append(b[y++]).Append('\n');
            }
            else
            {
                sb.Append("- ").Append(a[x++]).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
