namespace TorchJit.Ir;

/// <summary>
/// Loops: carried values are assigned before the loop; a loop whose condition is constant true prints as
/// <c>for i in range(n):</c>; the body ends by reassigning the carried names. While-style loops are not
/// printed yet.
/// </summary>
public sealed partial class CodePrinter
{
    private void PrintLoop(Node n, int level)
    {
        var body = n.Blocks[0];
        var tripCount = n.Inputs[0];
        var initialCond = n.Inputs[1];
        bool isFor = initialCond.Node.Kind == NodeKinds.Constant && initialCond.Node.Attribute("value") is true
            && body.Outputs[0].Node.Kind == NodeKinds.Constant && body.Outputs[0].Node.Attribute("value") is true;
        // Carried values share one name: the loop's output, the body's input and the initial value.
        for (int i = 0; i < n.Outputs.Count; i++)
        {
            string name = NameOf(n.Outputs[i]);
            names[body.Inputs[i + 1]] = name;
            Indent(level);
            sb.Append(name).Append(" = ").Append(Expr(n.Inputs[i + 2])).Append('\n');
        }

        if (isFor)
        {
            Indent(level);
            sb.Append("for ").Append(NameOf(body.Inputs[0])).Append(" in range(").Append(Expr(tripCount)).Append("):\n");
        }
        else
        {
            throw new NotSupportedException("code printer: while-style prim::Loop (a loop with a condition) is not supported yet");
        }

        PrintBlockBody(body, level + 1);
        for (int i = 0; i < n.Outputs.Count; i++)
        {
            Indent(level + 1);
            sb.Append(NameOf(n.Outputs[i])).Append(" = ").Append(Expr(body.Outputs[i + 1])).Append('\n');
        }
    }
}
