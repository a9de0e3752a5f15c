namespace TorchJit.Ir;

/// <summary>
/// Statements: assignments, <c>if</c>/<c>else</c>, <c>return</c>, and the splitting of long inline expressions.
/// </summary>
/// <remarks>
/// Note [Long inlines]: an inline expression whose line would reach 40 characters (counting the indent)
/// is printed as a statement <c>_N = ...</c> instead. So that evaluation order survives, every inline
/// value to its left in its user's arguments, and in the user's user's arguments, and so on up the chain
/// of inline users, is split out too, in order (python_print's <c>splitLongInlines</c>):
/// <code>
///   r = foo(x.add_(b), some_long + expression)
///   →  _0 = x.add_(b)
///      _1 = some_long + expression
///      r = foo(_0, _1)
/// </code>
/// </remarks>
public sealed partial class CodePrinter
{
    private const int LongLine = 40;

    private readonly Dictionary<Node, int> splitUses = [];

    private bool IsLongLine(string s) => s.Length + level * 2 >= LongLine;

    // Python needs 'pass' where a block would be empty; constants print nowhere, so a block of only
    // constants counts as empty (PyTorch pools constants out of blocks before printing, so it never sees one).
    private void PrintBlock(Block block, bool hasOtherStatements)
    {
        if (!hasOtherStatements && block.Nodes.All(n => n.Kind == NodeKinds.Constant))
        {
            Indent();
            body.Append("pass\n");
        }

        foreach (var n in block.Nodes) PrintNode(n, printConstant: false);
    }

    private void PrintNode(Node n, bool printConstant)
    {
        if (!printConstant && n.Kind == NodeKinds.Constant) return;
        switch (n.Kind)
        {
            case NodeKinds.Return:
                if (n.Inputs.Count == 0) return;
                Indent();
                body.Append("return ");
                // A TorchScript method returns one value; several graph outputs print as a tuple.
                body.Append(n.Inputs.Count == 1 ? UseOf(n.Inputs[0]) : "(" + string.Join(", ", n.Inputs.Select(UseOf)) + ")");
                body.Append('\n');
                return;
            case NodeKinds.Loop:
                PrintLoop(n);
                return;
            case NodeKinds.If:
                PrintIf(n);
                return;
            case NodeKinds.TupleUnpack:
            case "prim::ListUnpack":
                // a, b, = t   (the trailing comma forces the unpack when read again)
                AssignUniqueNames(n.Outputs);
                Indent();
                if (n.Outputs.Count > 0) body.Append(string.Join(", ", n.Outputs.Select(UseOf))).Append(", = ");
                body.Append(UseOf(n.Inputs[0])).Append('\n');
                return;
            case "prim::SetAttr":
                Indent();
                body.Append(UseOf(n.Inputs[0])).Append('.').Append(n.StringAttribute("name")).Append(" = ").Append(UseOf(n.Inputs[1])).Append('\n');
                return;
        }

        string expr = Rhs(n);
        if (!inlined.Contains(n) || (n.Kind == NodeKinds.Constant && IsLongLine(expr)))
        {
            PrintOutputDefinition(n, expr);
            return;
        }

        exprTable[n.Output] = expr;
        if (IsLongLine(expr)) SplitLongInlines(n.Output);
    }

    private void PrintOutputDefinition(Node n, string expr)
    {
        AssignUniqueNames(n.Outputs);
        Indent();
        if (n.Outputs.Count > 0) body.Append(string.Join(", ", n.Outputs.Select(UseOf))).Append(" = ");
        body.Append(expr).Append('\n');
    }

    private void PrintAssignment(IReadOnlyList<Value> lhs, IReadOnlyList<Value> rhs)
    {
        if (lhs.Count == 0) return;
        Indent();
        body.Append(string.Join(", ", lhs.Select(UseOf))).Append(" = ").Append(string.Join(", ", rhs.Select(UseOf))).Append('\n');
    }

    private void PrintIf(Node n)
    {
        AssignUniqueNames(n.Outputs);
        Indent();
        body.Append("if ").Append(UseOf(n.Inputs[0])).Append(":\n");
        for (int b = 0; b < 2; b++)
        {
            if (b == 1)
            {
                Indent();
                body.Append("else:\n");
            }

            level++;
            PrintBlock(n.Blocks[b], n.Outputs.Count > 0);
            PrintAssignment(n.Outputs, n.Blocks[b].Outputs);
            level--;
        }
    }

    private void SplitLongInlines(Value v)
    {
        var toSplitReversed = new List<Value>();
        var use = v.Uses[0];
        ScanLongInlines(use.User, use.Offset, toSplitReversed);
        for (int i = toSplitReversed.Count - 1; i >= 0; i--)
        {
            var split = toSplitReversed[i];
            PrintOutputDefinition(split.Node, UseOf(split));
        }
    }

    private void ScanLongInlines(Node user, int offset, List<Value> toSplitReversed)
    {
        bool present = splitUses.TryGetValue(user, out int done);
        for (int i = offset; i >= (present ? done + 1 : 0); i--)
        {
            var arg = user.Inputs[i];
            if (arg.Node.Kind != NodeKinds.Constant && inlined.Contains(arg.Node)) toSplitReversed.Add(arg);
        }

        splitUses[user] = offset;
        if (!present && inlined.Contains(user))
        {
            // -1: the user itself is still being printed, so it cannot be split.
            var use = user.Output.Uses[0];
            ScanLongInlines(use.User, use.Offset - 1, toSplitReversed);
        }
    }
}
