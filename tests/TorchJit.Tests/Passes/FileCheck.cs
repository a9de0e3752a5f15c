using System.Text.RegularExpressions;

namespace TorchJit.Tests.Passes;

/// <summary>
/// A small FileCheck (LLVM's, as PyTorch's tests use it): <c># CHECK: s</c> finds s after the previous
/// match, <c>CHECK-NEXT</c> on the next line, <c>CHECK-NOT</c> nowhere between the neighbouring matches,
/// <c>CHECK-COUNT-n</c> exactly n times in all.
/// </summary>
public static partial class FileCheck
{
    public static void Run(string checks, string output)
    {
        var directives = checks.Split('\n')
            .Select(l => CheckLine().Match(l))
            .Where(m => m.Success)
            .Select(m => (Kind: m.Groups[1].Value, Text: m.Groups[2].Value.Trim()))
            .ToList();
        if (directives.Count == 0) throw new InvalidOperationException("no CHECK lines: a test that checks nothing cannot fail");
        var lines = output.Split('\n');
        int line = 0;
        int lastMatch = -1;
        var pendingNot = new List<string>();
        foreach (var (kind, text) in directives)
        {
            if (kind == "-NOT")
            {
                pendingNot.Add(text);
                continue;
            }

            if (kind.StartsWith("-COUNT-", StringComparison.Ordinal))
            {
                int expected = int.Parse(kind["-COUNT-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                int actual = lines.Count(l => l.Contains(text, StringComparison.Ordinal));
                if (actual != expected) Fail($"CHECK{kind}: expected {expected} lines with '{text}', found {actual}", output);
                continue;
            }

            int found = -1;
            if (kind == "-NEXT")
            {
                if (lastMatch + 1 < lines.Length && lines[lastMatch + 1].Contains(text, StringComparison.Ordinal)) found = lastMatch + 1;
            }
            else
            {
                for (int i = line; i < lines.Length; i++)
                {
                    if (lines[i].Contains(text, StringComparison.Ordinal))
                    {
                        found = i;
                        break;
                    }
                }
            }

            if (found < 0) Fail($"CHECK{kind}: '{text}' not found after line {line + 1}", output);
            CheckNot(pendingNot, lines, line, found, output);
            pendingNot.Clear();
            lastMatch = found;
            line = found + 1;
        }

        CheckNot(pendingNot, lines, line, lines.Length, output);
    }

    private static void CheckNot(List<string> nots, string[] lines, int from, int to, string output)
    {
        foreach (var n in nots)
            for (int i = from; i < to; i++)
                if (lines[i].Contains(n, StringComparison.Ordinal)) Fail($"CHECK-NOT: '{n}' found on line {i + 1}", output);
    }

    private static void Fail(string message, string output) => throw new Xunit.Sdk.XunitException(message + "\n--- output ---\n" + output);

    [GeneratedRegex(@"^\s*#\s*CHECK(-NEXT|-NOT|-COUNT-\d+)?:(.*)$")]
    private static partial Regex CheckLine();
}
