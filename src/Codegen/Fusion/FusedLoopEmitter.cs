using System.Reflection;
using System.Reflection.Emit;
using TorchJit.Codegen.Emit;

namespace TorchJit.Codegen;

/// <summary>
/// Writes a <see cref="FusedLoopPlan"/> as IL: a plain walk, every decision already in the plan. The method
/// takes the group's inputs then its output tensors and computes, for every element:
/// <code>
///   prologue:  ref float x = DataRef(arg0, n)   float a = (float)arg1   Vector256 va = Create(a)   ...
///   for each row (or once, without Row inputs):
///     main loop, Unroll vectors per iteration:  vx = LoadUnsafe(ref x, row + i); v0 = TOp.Invoke(vx, va); ...
///                                               StoreUnsafe(vN, ref out, row + i)
///     the remaining whole vectors (fewer than Unroll), at constant offsets
///     scalar tail:                           the same steps with Invoke(float)
/// </code>
/// Each value lives in its own IL local (a vector local and a float local for the tail), so intermediates
/// never touch memory. Operators are bit-identical across widths by contract, so the scalar tail computes
/// what a vector would; it is used instead of an overlapping last vector because an output may share memory
/// with an input when the caller plans the group in place, and re-reading overwritten elements would be wrong.
/// </summary>
internal sealed partial class FusedLoopEmitter
{
    private static readonly MethodInfo DataRef = typeof(FusedLoopRuntime).GetMethod(nameof(FusedLoopRuntime.DataRef))!;
    private static readonly MethodInfo ScalarOf = typeof(FusedLoopRuntime).GetMethod(nameof(FusedLoopRuntime.ScalarOf))!;
    private static readonly Type FloatRef = typeof(float).MakeByRefType();

    private readonly IILEmitter il;
    private readonly FusedLoopPlan plan;
    private readonly SimdHandles? simd;

    // Per input: its data reference (streamed tensors), and its current value as a float and a vector
    // (set once in the prologue for scalars, per element or vector for streamed tensors).
    private readonly EmitLocal?[] inputData;
    private readonly EmitLocal?[] inputScalars;
    private readonly EmitLocal?[] inputVectors;
    private readonly EmitLocal[] constantVectors;
    private readonly EmitLocal[] stepScalars;
    private readonly EmitLocal[] stepVectors;
    private readonly EmitLocal[] outputData;

    private FusedLoopEmitter(IILEmitter il, FusedLoopPlan plan)
    {
        this.il = il;
        this.plan = plan;
        simd = plan.Lanes > 1 ? SimdHandles.For(plan.Width) : null;
        int inputs = plan.Inputs.Length;
        inputData = new EmitLocal?[inputs];
        inputScalars = new EmitLocal?[inputs];
        inputVectors = new EmitLocal?[inputs];
        for (int i = 0; i < inputs; i++)
        {
            if (!plan.Inputs[i].Used) continue;
            if (plan.Inputs[i].IsStreamed) inputData[i] = il.DeclareLocal(FloatRef);
            inputScalars[i] = il.DeclareLocal(typeof(float));
            if (simd is not null) inputVectors[i] = il.DeclareLocal(simd.Vector);
        }

        constantVectors = simd is null ? [] : DeclareLocals(plan.Constants.Length, simd.Vector);
        stepScalars = DeclareLocals(plan.Steps.Length, typeof(float));
        stepVectors = simd is null ? [] : DeclareLocals(plan.Steps.Length, simd.Vector);
        outputData = DeclareLocals(plan.Outputs.Length, FloatRef);
    }

    /// <summary>Writes the whole method body for <paramref name="plan"/> to <paramref name="il"/>.</summary>
    public static void Emit(IILEmitter il, FusedLoopPlan plan) => new FusedLoopEmitter(il, plan).EmitMethod();

    private void EmitMethod()
    {
        EmitPrologue();
        if (plan.Total > 0)
        {
            if (plan.HasRows) EmitRowLoop();
            else EmitSegment(rowStart: null);
        }

        il.Emit(OpCodes.Ret);
    }

    // Arguments are read and checked once; the loop only touches locals.
    private void EmitPrologue()
    {
        for (int i = 0; i < plan.Inputs.Length; i++)
        {
            var input = plan.Inputs[i];
            if (!input.Used) continue;
            LoadArgument(i);
            if (input.IsStreamed)
            {
                LoadInt(input.Elements);
                il.Emit(OpCodes.Call, DataRef);
                il.Emit(OpCodes.Stloc, inputData[i]!.Value);
                continue;
            }

            // The sweep's conversions: (float)double, (float)long, a one-element tensor's element.
            if (input.Parameter == typeof(Tensor)) il.Emit(OpCodes.Call, ScalarOf);
            else il.Emit(OpCodes.Conv_R4);
            il.Emit(OpCodes.Stloc, inputScalars[i]!.Value);
            if (simd is null) continue;
            il.Emit(OpCodes.Ldloc, inputScalars[i]!.Value);
            il.Emit(OpCodes.Call, simd.Splat);
            il.Emit(OpCodes.Stloc, inputVectors[i]!.Value);
        }

        for (int c = 0; c < constantVectors.Length; c++)
        {
            il.Emit(OpCodes.Ldc_R4, plan.Constants[c]);
            il.Emit(OpCodes.Call, simd!.Splat);
            il.Emit(OpCodes.Stloc, constantVectors[c]);
        }

        for (int j = 0; j < plan.Outputs.Length; j++)
        {
            LoadArgument(plan.Inputs.Length + j);
            LoadInt(plan.Total);
            il.Emit(OpCodes.Call, DataRef);
            il.Emit(OpCodes.Stloc, outputData[j]);
        }
    }

    // for (row = 0; row < total; row += period) segment(row). Rows exist only with a Row input, whose period
    // is smaller than the total and divides it, so the loop runs at least twice.
    private void EmitRowLoop()
    {
        var row = il.DeclareLocal(typeof(nuint));
        LoadNative(0);
        il.Emit(OpCodes.Stloc, row);
        var top = il.DefineLabel();
        il.MarkLabel(top);
        EmitSegment(row);
        Increment(row, plan.Period);
        il.Emit(OpCodes.Ldloc, row);
        LoadNative(plan.Total);
        il.Emit(OpCodes.Blt_Un, top);
    }

    // One pass over `period` elements: Full inputs and outputs at rowStart + i, Row inputs at i. Sizes are
    // static, so each loop is emitted only if it runs, as a do-while, and a leftover vector gets straight code.
    private void EmitSegment(EmitLocal? rowStart)
    {
        int period = plan.Period, lanes = plan.Lanes;
        int vectorEnd = lanes == 1 ? 0 : period - (period % lanes);
        int block = lanes * plan.Unroll;
        int loopEnd = lanes == 1 ? 0 : period - (period % block);
        if (loopEnd > 0)
        {
            var i = StartCounter(0);
            var top = il.DefineLabel();
            il.MarkLabel(top);
            for (int k = 0; k < plan.Unroll; k++) EmitVectorBody(new LoopOffset(rowStart, i, k * lanes));
            CloseLoop(i, block, loopEnd, top);
        }

        for (int at = loopEnd; at < vectorEnd; at += lanes) EmitVectorBody(new LoopOffset(rowStart, null, at));

        if (period - vectorEnd == 1)
        {
            EmitScalarBody(new LoopOffset(rowStart, null, vectorEnd));
        }
        else if (period > vectorEnd)
        {
            var i = StartCounter(vectorEnd);
            var top = il.DefineLabel();
            il.MarkLabel(top);
            EmitScalarBody(new LoopOffset(rowStart, i, 0));
            CloseLoop(i, 1, period, top);
        }
    }

    private EmitLocal StartCounter(int start)
    {
        var i = il.DeclareLocal(typeof(nuint));
        LoadNative(start);
        il.Emit(OpCodes.Stloc, i);
        return i;
    }

    // i += step; if (i < end) goto top
    private void CloseLoop(EmitLocal i, int step, int end, EmitLabel top)
    {
        Increment(i, step);
        il.Emit(OpCodes.Ldloc, i);
        LoadNative(end);
        il.Emit(OpCodes.Blt_Un, top);
    }

    private EmitLocal[] DeclareLocals(int count, Type type)
    {
        var locals = new EmitLocal[count];
        for (int i = 0; i < count; i++) locals[i] = il.DeclareLocal(type);
        return locals;
    }
}
