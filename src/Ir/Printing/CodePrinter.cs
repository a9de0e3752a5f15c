using System.Globalization;
using System.Text;

namespace TorchJit.Ir;

/// <summary>
/// Prints method graphs as TorchScript code (<c>module.code</c> and an archive's <c>code/*.py</c>), after
/// <c>python_print.cpp</c>'s rules. Nodes print in order: a node the scan marked inline (see Note [Inline
/// scan]) becomes an expression its single user embeds, any other node a statement assigning names
/// (<c>x</c>, <c>x0</c>, <c>_0</c>); constants are literals (tensors <c>CONSTANTS.cN</c>); trailing arguments
/// equal to their schema default are dropped; every <c>prim::If</c> output is assigned in both branches;
/// loops print as <c>for i in range(n):</c> or <c>while cond:</c>; an inline expression whose line would
/// reach 40 characters is split back into statements (see Note [Long inlines]).
/// </summary>
public sealed partial class CodePrinter
{
    private static readonly HashSet<string> Reserved =
    [
        "_", "as", "aten", "attribute", "CONSTANTS", "fork", "getattr", "inf", "nan", "infj", "nanj", "ops", "__torch__",
        "and", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "False", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not",
        "or", "pass", "raise", "return", "True", "try", "while", "with", "yield", "uninitialized", "unchecked_cast",
    ];

    private readonly CodePrintOptions options;
    private readonly List<Tensor> constants;
    private readonly StringBuilder body = new();
    private readonly HashSet<Node> inlined = [];
    private readonly Dictionary<Value, string> identRefs = [];
    private readonly Dictionary<Value, string> exprTable = [];
    private readonly HashSet<string> usedNames = [];
    private readonly Dictionary<string, int> nextId = new(StringComparer.Ordinal);
    private int level;

    private CodePrinter(List<Tensor> constants, CodePrintOptions options)
    {
        this.constants = constants;
        this.options = options;
        level = options.Level;
    }

    /// <summary>Prints <paramref name="graph"/> as <c>def name(self, ...) -> T:</c> and its body, as <c>module.code</c> does.</summary>
    /// <param name="name">The method name.</param>
    /// <param name="graph">The method graph; its first input is <c>self</c> when <paramref name="isMethod"/>.</param>
    /// <param name="constants">The constant table (<c>CONSTANTS.cN</c>), shared across the methods of a module.</param>
    /// <param name="isMethod">Whether the first input is the module.</param>
    public static string Print(string name, Graph graph, List<Tensor> constants, bool isMethod = true) =>
        Print(name, graph, constants, new CodePrintOptions { IsMethod = isMethod });

    /// <summary>Prints one function with the given options.</summary>
    public static string Print(string name, Graph graph, List<Tensor> constants, CodePrintOptions options) =>
        PrintMethods([(name, graph)], constants, options);

    /// <summary>
    /// Prints several methods of one class in order, as an archive's class body does (names of temporaries
    /// are unique per method, but the counters that make them so run on across methods, as in PyTorch).
    /// </summary>
    public static string PrintMethods(IEnumerable<(string Name, Graph Graph)> methods, List<Tensor> constants, CodePrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(constants);
        ArgumentNullException.ThrowIfNull(options);
        var printer = new CodePrinter(constants, options);
        foreach (var (name, graph) in methods) printer.PrintFunction(name, graph);
        return printer.body.ToString();
    }

    private void PrintFunction(string name, Graph graph)
    {
        usedNames.Clear(); // each function can reuse local names
        Indent();
        body.Append("def ").Append(name).Append('(');
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var v = graph.Inputs[i];
            bool isSelf = i == 0 && options.IsMethod;
            string argName = GenName(isSelf ? "self" : ArgumentName(v, i));
            if (i == 0)
            {
                body.Append(argName);
                if (!isSelf || options.SelfType) body.Append(": ").Append(v.Type.Annotation);
            }
            else
            {
                body.Append(",\n    ").Append(argName).Append(": ").Append(v.Type.Annotation);
            }

            identRefs[v] = argName;
        }

        body.Append(") -> ").Append(ReturnAnnotation(graph)).Append(":\n");
        PrintBody(graph.Block);
    }

    private static string ArgumentName(Value v, int index) =>
        v.DebugName is { } d ? MakeValidIdentifier(DebugNameBase(d)) : "argument_" + index.ToString(CultureInfo.InvariantCulture);

    private static string ReturnAnnotation(Graph graph) => graph.Outputs.Count == 1
        ? graph.Outputs[0].Type.Annotation
        : "Tuple[" + string.Join(", ", graph.Outputs.Select(o => o.Type.Annotation)) + "]";

    private void PrintBody(Block block)
    {
        // Constants print first, in order of use; most are only registered as literals for their uses.
        var constantNodes = new List<Node>();
        CollectConstants(block, constantNodes, []);
        ScanBlock(block);
        level++;
        foreach (var c in constantNodes) PrintNode(c, printConstant: true);
        PrintBlock(block, block.Outputs.Count > 0);
        PrintNode(block.ReturnNode, printConstant: false);
        level--;
    }

    private static void CollectConstants(Block block, List<Node> constantNodes, HashSet<Node> seen)
    {
        foreach (var n in block.Nodes) CollectConstants(n, constantNodes, seen);
        CollectConstants(block.ReturnNode, constantNodes, seen);
    }

    private static void CollectConstants(Node n, List<Node> constantNodes, HashSet<Node> seen)
    {
        foreach (var input in n.Inputs)
            if (input.Node.Kind == NodeKinds.Constant && seen.Add(input.Node)) constantNodes.Add(input.Node);
        foreach (var b in n.Blocks) CollectConstants(b, constantNodes, seen);
    }

    private string UseOf(Value v) =>
        identRefs.TryGetValue(v, out var name) ? name
        : exprTable.TryGetValue(v, out var expr) ? expr
        : throw new InvalidOperationException($"code printer: %{v.Name} is used before it is printed");

    private void AssignUniqueNames(IEnumerable<Value> values)
    {
        foreach (var v in values) identRefs[v] = GenUniqueNameFor(v);
    }

    private string GenUniqueNameFor(Value v) => GenName(v.DebugName is { } d ? MakeValidIdentifier(DebugNameBase(d)) : "_");

    // A fresh name: the candidate, else candidate + a counter kept per name tried (python_print's genNameImpl).
    private string GenName(string candidate)
    {
        string name = candidate;
        while (usedNames.Contains(name) || Reserved.Contains(name))
        {
            nextId.TryGetValue(name, out int id);
            nextId[name] = id + 1;
            name = candidate + id.ToString(CultureInfo.InvariantCulture);
        }

        usedNames.Add(name);
        return name;
    }

    private static string MakeValidIdentifier(string candidate)
    {
        var sb = new StringBuilder();
        if (candidate.Length == 0 || char.IsAsciiDigit(candidate[0])) sb.Append('_');
        foreach (char c in candidate) sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.ToString();
    }

    private static string DebugNameBase(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1 && name[(dot + 1)..].All(char.IsAsciiDigit) ? name[..dot] : name;
    }

    private void Indent() => body.Append(' ', level * 2);
}

/// <summary>How <see cref="CodePrinter"/> lays a function out.</summary>
public sealed record CodePrintOptions
{
    /// <summary>The first input is the module (<c>self</c>).</summary>
    public bool IsMethod { get; init; } = true;

    /// <summary>Annotate <c>self</c> with its class (<c>self: __torch__.M</c>), as class bodies in archives do; <c>module.code</c> does not.</summary>
    public bool SelfType { get; init; }

    /// <summary>The indentation level of the <c>def</c> line: 0 for <c>module.code</c>, 1 inside an archive's class.</summary>
    public int Level { get; init; }
}
