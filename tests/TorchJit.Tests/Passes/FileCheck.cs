using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TorchJit.Ir;

namespace TorchJit.Tests.Passes;

/// <summary>
/// PyTorch's FileCheck (<c>torch.testing.FileCheck</c>, after LLVM's): "an advanced grep" over printed IR.
/// Checks run in order over character positions, each from the end of the previous match:
/// <list type="bullet">
/// <item><c>CHECK: s</c> — s occurs after the previous match.</item>
/// <item><c>CHECK-NEXT: s</c> — s occurs on the line right after the previous match.</item>
/// <item><c>CHECK-SAME: s</c> — s occurs on the same line as the previous match, after it.</item>
/// <item><c>CHECK-NOT: s</c> — s does not occur between the previous match and the next one (or the end).</item>
/// <item><c>CHECK-COUNT-n: s</c> — s occurs n times in a row after the previous match;
/// <c>CHECK-COUNT-EXACTLY-n: s</c> — and not once more before the next match.</item>
/// <item><c>CHECK-DAG: s</c> — consecutive DAG checks all occur after the previous match, in any order;
/// the next check starts after the last of them.</item>
/// <item><c>CHECK-REGEX: r</c> — a regular expression occurs after the previous match.</item>
/// </list>
/// Build checks fluently (<c>new FileCheck().Check("aten::add").CheckNot("aten::mul").Run(graph)</c>) or embed
/// them in IR text as <c># CHECK: ...</c> comments, which the IR parser skips (<see cref="Run(string, string)"/>).
/// A failure throws <see cref="FileCheckException"/> saying what was expected, where it searched and which check failed.
/// </summary>
public sealed partial class FileCheck
{
    // Consecutive NOT checks, and consecutive DAG checks, form one group; every other check is a group of its own.
    private readonly List<List<Directive>> groups = [];

    /// <summary>The kinds of check.</summary>
    public enum Kind
    {
        /// <summary><c>CHECK</c>.</summary>
        Check,

        /// <summary><c>CHECK-NEXT</c>.</summary>
        Next,

        /// <summary><c>CHECK-SAME</c>.</summary>
        Same,

        /// <summary><c>CHECK-NOT</c>.</summary>
        Not,

        /// <summary><c>CHECK-COUNT-n</c>.</summary>
        Count,

        /// <summary><c>CHECK-DAG</c>.</summary>
        Dag,

        /// <summary><c>CHECK-REGEX</c>.</summary>
        Regex,
    }

    /// <summary>The checks, in order, as <c>CHECK-X: s</c> lines.</summary>
    public IEnumerable<string> Directives => groups.SelectMany(g => g).Select(d => d.ToString());

    /// <summary>Parses the <c># CHECK...:</c> annotations in <paramref name="checks"/> and runs them on <paramref name="output"/>.</summary>
    public static void Run(string checks, string output) => Parse(checks).Run(output);

    /// <summary>Parses the <c># CHECK...:</c> annotations in <paramref name="checks"/> and runs them on the printed <paramref name="graph"/>.</summary>
    public static void Run(string checks, Graph graph) => Parse(checks).Run(graph);

    /// <summary>
    /// The checks written as comments in <paramref name="text"/>: a <c>#</c>, up to six spaces or tabs,
    /// <c>CHECK</c>, a suffix (<c>: </c>, <c>-NEXT: </c>, <c>-COUNT-2: </c>...), and the string to the end of the line.
    /// </summary>
    public static FileCheck Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fileCheck = new FileCheck();
        foreach (Match m in Annotation().Matches(text))
        {
            var line = m.Groups["rest"].Value.TrimEnd('\r');
            var d = ParseDirective(line) ?? throw new FileCheckException($"Could not parse check at:\n{Highlight(text, m.Index, m.Length)}Check for bad input.");
            fileCheck.Add(d.Directive);
            if (d.Exactly) fileCheck.Add(new Directive(Kind.Not, d.Directive.Text, 0));
        }

        return fileCheck;
    }

    /// <summary>Adds a <c>CHECK</c>.</summary>
    public FileCheck Check(string s) => Add(new(Kind.Check, s, 0));

    /// <summary>Adds a <c>CHECK-NEXT</c>.</summary>
    public FileCheck CheckNext(string s) => Add(new(Kind.Next, s, 0));

    /// <summary>Adds a <c>CHECK-SAME</c>.</summary>
    public FileCheck CheckSame(string s) => Add(new(Kind.Same, s, 0));

    /// <summary>Adds a <c>CHECK-NOT</c>.</summary>
    public FileCheck CheckNot(string s) => Add(new(Kind.Not, s, 0));

    /// <summary>Adds a <c>CHECK-COUNT-n</c> (with <paramref name="exactly"/>, <c>CHECK-COUNT-EXACTLY-n</c>).</summary>
    public FileCheck CheckCount(string s, int count, bool exactly = false)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "CHECK-COUNT needs a positive count");
        Add(new(Kind.Count, s, count));
        return exactly ? Add(new(Kind.Not, s, 0)) : this;
    }

    /// <summary>Adds a <c>CHECK-DAG</c>.</summary>
    public FileCheck CheckDag(string s) => Add(new(Kind.Dag, s, 0));

    /// <summary>Adds a <c>CHECK-REGEX</c>.</summary>
    public FileCheck CheckRegex(string pattern) => Add(new(Kind.Regex, pattern, 0));

    /// <summary>Runs the checks on the printed <paramref name="graph"/>.</summary>
    public void Run(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Run(graph.ToString());
    }

    /// <summary>Runs the checks on <paramref name="output"/>; throws <see cref="FileCheckException"/> at the first that fails.</summary>
    public void Run(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (groups.Count == 0) throw new FileCheckException("No checks have been added to this instance of FileCheck: a test that checks nothing cannot fail.");
        var matcher = new Matcher(output);
        var previous = new Range(0, 0);
        for (int i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (group[0].Kind != Kind.Not)
            {
                previous = matcher.MatchGroup(group, previous);
                continue;
            }

            // A NOT group holds between the previous match and the next group's match (or the end).
            if (i + 1 < groups.Count)
            {
                var next = matcher.MatchGroup(groups[i + 1], previous);
                matcher.CheckNot(group, previous.End, next.Start);
                previous = next;
                i++;
            }
            else
            {
                matcher.CheckNot(group, previous.End, output.Length);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => "FileCheck checks:\n" + string.Concat(Directives.Select(d => "\t" + d + "\n"));

    private FileCheck Add(Directive d)
    {
        ArgumentNullException.ThrowIfNull(d.Text);
        if (d.Kind is Kind.Not or Kind.Dag && groups.Count > 0 && groups[^1][0].Kind == d.Kind) groups[^1].Add(d);
        else groups.Add([d]);
        return this;
    }

    private static (Directive Directive, bool Exactly)? ParseDirective(string rest)
    {
        (string Suffix, Kind Kind)[] simple = [(": ", Kind.Check), ("-NEXT: ", Kind.Next), ("-SAME: ", Kind.Same), ("-NOT: ", Kind.Not), ("-DAG: ", Kind.Dag), ("-REGEX: ", Kind.Regex)];
        foreach (var (suffix, kind) in simple)
            if (rest.StartsWith(suffix, StringComparison.Ordinal)) return (new Directive(kind, rest[suffix.Length..], 0), false);
        var count = CountSuffix().Match(rest);
        if (!count.Success) return null;
        int n = int.Parse(count.Groups["n"].Value, CultureInfo.InvariantCulture);
        return n <= 0 ? null : (new Directive(Kind.Count, rest[count.Length..], n), count.Groups["exactly"].Success);
    }

    // Shows the line holding [start, start + length) of text, with context and the range underlined.
    private static string Highlight(string text, int start, int length)
    {
        start = Math.Clamp(start, 0, text.Length);
        int lineStart = text.LastIndexOf('\n', Math.Max(start - 1, 0)) + 1;
        if (start == 0) lineStart = 0;
        int lineEnd = text.IndexOf('\n', start);
        if (lineEnd < 0) lineEnd = text.Length;
        // Up to two lines before and after, as context.
        int contextStart = lineStart;
        for (int i = 0; i < 2 && contextStart > 0; i++) contextStart = text.LastIndexOf('\n', Math.Max(contextStart - 2, 0)) + 1;
        int contextEnd = lineEnd;
        for (int i = 0; i < 2 && contextEnd < text.Length; i++)
        {
            int next = text.IndexOf('\n', contextEnd + 1);
            contextEnd = next < 0 ? text.Length : next;
        }

        var sb = new StringBuilder();
        sb.Append(text, contextStart, lineEnd - contextStart).Append('\n');
        int column = start - lineStart;
        int width = Math.Max(1, Math.Min(length, Math.Max(lineEnd - start, 1)));
        sb.Append(' ', column).Append('~', width).Append(" <--- HERE\n");
        if (contextEnd > lineEnd + 1) sb.Append(text, lineEnd + 1, contextEnd - lineEnd - 1).Append('\n');
        return sb.ToString();
    }

    [GeneratedRegex(@"#[ \t]{0,6}CHECK(?<rest>[^\n]*)")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"^-COUNT-(?<exactly>EXACTLY-)?(?<n>\d+): ")]
    private static partial Regex CountSuffix();

    private sealed record Directive(Kind Kind, string Text, int Count)
    {
        public override string ToString() => Kind switch
        {
            Kind.Check => "CHECK: ",
            Kind.Next => "CHECK-NEXT: ",
            Kind.Same => "CHECK-SAME: ",
            Kind.Not => "CHECK-NOT: ",
            Kind.Count => $"CHECK-COUNT-{Count}: ",
            Kind.Dag => "CHECK-DAG: ",
            _ => "CHECK-REGEX: ",
        } + Text;
    }

    // A matched span of the output: [Start, End).
    private readonly record struct Range(int Start, int End);

    private sealed class Matcher(string output)
    {
        public Range MatchGroup(List<Directive> group, Range previous)
        {
            if (group[0].Kind == Kind.Dag)
            {
                int begin = int.MaxValue, end = 0;
                foreach (var d in group)
                {
                    int pos = Find(d.Text, previous.End, d);
                    begin = Math.Min(begin, pos);
                    end = Math.Max(end, pos + d.Text.Length);
                }

                return new Range(begin, end);
            }

            var check = group[0];
            switch (check.Kind)
            {
                case Kind.Check:
                {
                    int pos = Find(check.Text, previous.End, check);
                    return new Range(pos, pos + check.Text.Length);
                }

                case Kind.Same:
                {
                    int pos = Find(check.Text, previous.End, check);
                    int newline = output.IndexOf('\n', previous.End, pos - previous.End);
                    if (newline >= 0)
                        Fail($"Expected to find \"{check.Text}\" on the same line as the previous match, but the next one is on a later line\n{Highlight(output, pos, check.Text.Length)}", check);
                    return new Range(pos, pos + check.Text.Length);
                }

                case Kind.Next:
                {
                    int lineEnd = output.IndexOf('\n', previous.End);
                    if (lineEnd < 0) Fail($"Expected to find \"{check.Text}\" on the line after the previous match, but that was the last line\n{Highlight(output, previous.End, 1)}", check);
                    int pos = Find(check.Text, lineEnd + 1, check);
                    if (output.IndexOf('\n', lineEnd + 1, pos - lineEnd - 1) >= 0)
                        Fail($"Expected to find \"{check.Text}\" on the line after the previous match, but the next one is on a later line\nThe line after the previous match:\n{Highlight(output, lineEnd + 1, 1)}", check);
                    return new Range(pos, pos + check.Text.Length);
                }

                case Kind.Count:
                {
                    int first = -1, at = previous.End;
                    for (int i = 0; i < check.Count; i++)
                    {
                        int pos = output.IndexOf(check.Text, at, StringComparison.Ordinal);
                        if (pos < 0)
                        {
                            Fail($"Expected to find \"{check.Text}\" {check.Count} times but found it {i} time{(i == 1 ? "" : "s")}\nSearched string:\n{Highlight(output, at, check.Text.Length)}", check);
                        }

                        if (first < 0) first = pos;
                        at = pos + check.Text.Length;
                    }

                    return new Range(first, at);
                }

                case Kind.Regex:
                {
                    var m = new Regex(check.Text, RegexOptions.CultureInvariant).Match(output, previous.End);
                    if (!m.Success) Fail($"Expected to find a match of /{check.Text}/ but did not find one\nSearched string:\n{Highlight(output, previous.End, 1)}", check);
                    return new Range(m.Index, m.Index + m.Length);
                }

                default:
                    throw new InvalidOperationException($"{check.Kind} is not a positive check");
            }
        }

        public void CheckNot(List<Directive> nots, int start, int end)
        {
            if (end < start) return;
            foreach (var d in nots)
            {
                int pos = output.IndexOf(d.Text, start, StringComparison.Ordinal);
                if (pos >= 0 && pos + d.Text.Length <= end)
                    Fail($"Expected to not find \"{d.Text}\" but found it\n{Highlight(output, pos, d.Text.Length)}", d);
            }
        }

        private int Find(string s, int start, Directive d)
        {
            int pos = start <= output.Length ? output.IndexOf(s, start, StringComparison.Ordinal) : -1;
            if (pos < 0) Fail($"Expected to find \"{s}\" but did not find it\nSearched string:\n{Highlight(output, start, s.Length)}", d);
            return pos;
        }

        private void Fail(string message, Directive d) =>
            throw new FileCheckException($"{message}From {d}\n--- output ---\n{output}");
    }
}

/// <summary>A FileCheck failure: what was expected, where it was searched for, and which check failed.</summary>
public sealed class FileCheckException : Xunit.Sdk.XunitException
{
    /// <summary>A failure with its explanation.</summary>
    public FileCheckException(string message)
        : base(message)
    {
    }
}
