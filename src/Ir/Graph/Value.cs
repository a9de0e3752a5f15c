namespace TorchJit.Ir;

/// <summary>
/// An SSA value: the output of one node (or a block parameter, i.e. an output of the block's
/// <c>prim::Param</c> node), with its type, debug name and use list.
/// </summary>
public sealed class Value
{
    private readonly List<Use> uses = [];

    internal Value(Node node, int offset, int unique, JitType type)
    {
        Node = node;
        Offset = offset;
        Unique = unique;
        Type = type;
    }

    /// <summary>The node that defines this value.</summary>
    public Node Node { get; }

    /// <summary>The index among <see cref="Node"/>'s outputs.</summary>
    public int Offset { get; internal set; }

    /// <summary>A graph-unique number; the printed name when no debug name is set.</summary>
    public int Unique { get; internal set; }

    /// <summary>The value's type.</summary>
    public JitType Type { get; set; }

    /// <summary>The unique debug name (<c>x</c>, <c>x.1</c>), or null.</summary>
    public string? DebugName { get; internal set; }

    /// <summary>Where this value is read.</summary>
    public IReadOnlyList<Use> Uses => uses;

    /// <summary>True when a <c>prim::Constant</c> defines this value.</summary>
    public bool IsConstant => Node.Kind == NodeKinds.Constant;

    /// <summary>The constant's value when <see cref="IsConstant"/> (null for None), else null: passes match on it (<c>v.ConstantValue is long n</c>).</summary>
    public object? ConstantValue => IsConstant ? Node.Attribute("value") : null;

    /// <summary>How many uses read this value's data, not counting shape and dtype queries (<see cref="OpTraits.MetadataOnly"/>).</summary>
    public int DataReaders
    {
        get
        {
            int count = 0;
            foreach (var use in uses)
                if (use.User.Op is not { Traits: var t } || (t & OpTraits.MetadataOnly) == 0) count++;
            return count;
        }
    }

    /// <summary>The name as printed after <c>%</c>.</summary>
    public string Name => DebugName ?? Unique.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets the debug name with TorchScript's rule: a taken name is moved to the old owner as <c>name.N</c>.</summary>
    public Value SetDebugName(string name)
    {
        Node.Graph.Names.Assign(this, name);
        return this;
    }

    /// <summary>Points every use of this value at <paramref name="replacement"/>.</summary>
    public void ReplaceAllUsesWith(Value replacement)
    {
        foreach (var use in uses.ToArray()) use.User.ReplaceInput(use.Offset, replacement);
    }

    internal void AddUse(Use use) => uses.Add(use);

    internal void RemoveUse(Node user, int offset)
    {
        int i = uses.FindIndex(u => u.User == user && u.Offset == offset);
        if (i < 0) throw new InvalidOperationException($"use list of %{Name} lacks ({user.Kind}, {offset})");
        uses.RemoveAt(i);
    }

    internal void ShiftUse(Node user, int from, int to)
    {
        int i = uses.FindIndex(u => u.User == user && u.Offset == from);
        uses[i] = new Use(user, to);
    }

    /// <inheritdoc/>
    public override string ToString() => "%" + Name;
}

/// <summary>One read of a value: input <see cref="Offset"/> of node <see cref="User"/>.</summary>
public readonly record struct Use(Node User, int Offset);
