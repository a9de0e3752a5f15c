namespace TorchJit.Ir;

/// <summary>The <c>prim::</c> node kinds the IR itself understands (ops live in the registry).</summary>
public static class NodeKinds
{
    /// <summary>A block's parameters (its outputs are the block inputs).</summary>
    public const string Param = "prim::Param";

    /// <summary>A block's results (its inputs are the block outputs).</summary>
    public const string Return = "prim::Return";

    /// <summary>A constant; its value is the <c>value</c> attribute (absent for None).</summary>
    public const string Constant = "prim::Constant";

    /// <summary>Two-way branch on a bool with two blocks.</summary>
    public const string If = "prim::If";

    /// <summary>Loop: (max trip count, initial condition, carried...) with one body block.</summary>
    public const string Loop = "prim::Loop";

    /// <summary>Reads attribute <c>name</c> of a module object.</summary>
    public const string GetAttr = "prim::GetAttr";

    /// <summary>Calls method <c>name</c> on a module object.</summary>
    public const string CallMethod = "prim::CallMethod";

    /// <summary>Calls the function its first input names (a <c>prim::Constant</c> of <see cref="FunctionType"/>) on the other inputs.</summary>
    public const string CallFunction = "prim::CallFunction";

    /// <summary>A placeholder of its output's type for a value that is never read on this path (TorchScript's exit transforms use it).</summary>
    public const string Uninitialized = "prim::Uninitialized";

    /// <summary>Raises an error with the message given as its input; has no outputs.</summary>
    public const string RaiseException = "prim::RaiseException";

    /// <summary>Builds a list from its inputs (<c>Tensor[]</c> for <c>cat</c>, <c>int[]</c> for sizes).</summary>
    public const string ListConstruct = "prim::ListConstruct";

    /// <summary>Builds a tuple.</summary>
    public const string TupleConstruct = "prim::TupleConstruct";

    /// <summary>Unpacks a tuple.</summary>
    public const string TupleUnpack = "prim::TupleUnpack";

    /// <summary>
    /// A group of elementwise ops run as one sweep (<see cref="FusedElementwise"/>); its <c>Subgraph</c>
    /// attribute holds the ops, its inputs and outputs are the group's.
    /// </summary>
    public const string FusionGroup = "prim::FusionGroup";

    /// <summary>The attribute of a <see cref="FusionGroup"/> that holds its subgraph.</summary>
    public const string Subgraph = "Subgraph";
}
