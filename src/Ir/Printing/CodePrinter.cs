using System.Globalization;
using System.Text;

namespace TorchJit.Ir;

/// <summary>
/// Prints a method graph as TorchScript code (<c>module.code</c>, after <c>python_print.cpp</c>'s rules):
/// single-use unnamed values are inlined where a right-to-left scan of the block finds them at the
/// expected point (so re-reading keeps evaluation order), constants are always inlined (tensors as
/// <c>CONSTANTS.cN</c>), other values get names (<c>x</c>, <c>x0</c>, <c>_0</c>), trailing arguments
/// equal to their schema default are dropped, and every <c>prim::If</c> output is assigned in both branches.
/// </summary>
public sealed partial class CodePrinter
{
    private static readonly HashSet<string> Reserved =
    [
        "_", "aten", "attribute", "CONSTANTS", "fork", "getattr", "inf", "nan", "infj", "nanj", "ops", "__torch__",
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "False", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not",
        "or", "pass", "raise", "return", "True", "try", "while", "with", "yield", "uninitialized", "unchecked_cast",
    ];

    private readonly HashSet<Node> inlined = [];
    private readonly Dictionary<Value, string> names = [];
    private readonly HashSet<string> usedNames = [];
    private readonly Dictionary<string, int> nextId = [];
    private readonly List<Tensor> constants;
    private readonly StringBuilder sb = new();

    private CodePrinter(List<Tensor> constants) => this.constants = constants;

    /// <summary>Prints <paramref name="graph"/> as <c>def name(self, ...) -> T:</c> and its body.</summary>
    /// <param name="name">The method name.</param>
    /// <param name="graph">The method graph; its first input is <c>self</c> when <paramref name="isMethod"/>.</param>
    /// <param name="constants">The constant table (<c>CONSTANTS.cN</c>), shared across the methods of a module.</param>
    /// <param name="isMethod">Whether the first input is the module.</param>
    public static string Print(string name, Graph graph, List<Tensor> constants, bool isMethod = true) =>
        new CodePrinter(constants).PrintFunction(name, graph, isMethod);

    private string PrintFunction(string name, Graph graph, bool isMethod)
    {
        ScanBlock(graph.Block);
        var parameters = new List<string>();
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var v = graph.Inputs[i];
            if (i == 0 && isMethod)
            {
                usedNames.Add("self");
                names[v] = "self";
                parameters.Add("self");
                continue;
            }

            parameters.Add($"{NameOf(v)}: {v.Type.Annotation}");
        }

        string returns = graph.Outputs.Count == 1
            ? graph.Outputs[0].Type.Annotation
            : "Tuple[" + string.Join(", ", graph.Outputs.Select(o => o.Type.Annotation)) + "]";
        sb.Append("def ").Append(name).Append('(').Append(string.Join(",\n    ", parameters)).Append(") -> ").Append(returns).Append(":\n");
        PrintBlockBody(graph.Block, 1);
        Indent(1);
        sb.Append("return ");
        sb.Append(graph.Outputs.Count == 1 ? Expr(graph.Outputs[0]) : "(" + string.Join(", ", graph.Outputs.Select(Expr)) + ")");
        sb.Append('\n');
        return sb.ToString();
    }

    private void PrintBlockBody(Block block, int level)
    {
        foreach (var n in block.Nodes)
        {
            if (inlined.Contains(n)) continue;
            PrintStatement(n, level);
        }
    }

    private void PrintStatement(Node n, int level)
    {
        switch (n.Kind)
        {
            case NodeKinds.If:
                PrintIf(n, level);
                return;
            case NodeKinds.Loop:
                PrintLoop(n, level);
                return;
        }

        Indent(level);
        if (n.Outputs.Count == 1) sb.Append(NameOf(n.Output)).Append(" = ");
        else if (n.Outputs.Count > 1) sb.Append(string.Join(", ", n.Outputs.Select(NameOf))).Append(", = ");
        sb.Append(NodeExpr(n)).Append('\n');
    }

    private void PrintIf(Node n, int level)
    {
        foreach (var o in n.Outputs) NameOf(o);
        Indent(level);
        sb.Append("if ").Append(Expr(n.Inputs[0])).Append(":\n");
        PrintBranch(n, n.Blocks[0], level + 1);
        var elseBlock = n.Blocks[1];
        if (elseBlock.Nodes.Any() || n.Outputs.Count > 0)
        {
            Indent(level);
            sb.Append("else:\n");
            PrintBranch(n, elseBlock, level + 1);
        }
    }

    private void PrintBranch(Node ifNode, Block block, int level)
    {
        int before = sb.Length;
        PrintBlockBody(block, level);
        for (int i = 0; i < ifNode.Outputs.Count; i++)
        {
            Indent(level);
            sb.Append(NameOf(ifNode.Outputs[i])).Append(" = ").Append(Expr(block.Outputs[i])).Append('\n');
        }

        if (sb.Length == before)
        {
            Indent(level);
            sb.Append("pass\n");
        }
    }

    private void Indent(int level) => sb.Append(' ', level * 2);

    // The name of a value that is not inlined; assigned on first need, unique within the function.
    private string NameOf(Value v)
    {
        if (names.TryGetValue(v, out var name)) return name;
        string candidate = v.DebugName is { } d ? DebugNameBase(d) : "_";
        name = candidate;
        while (usedNames.Contains(name) || Reserved.Contains(name))
        {
            nextId.TryGetValue(candidate, out int id);
            nextId[candidate] = id + 1;
            name = candidate + id.ToString(CultureInfo.InvariantCulture);
        }

        usedNames.Add(name);
        names[v] = name;
        return name;
    }

    private static string DebugNameBase(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot > 0 && name[(dot + 1)..].All(char.IsAsciiDigit) ? name[..dot] : name;
    }
}
