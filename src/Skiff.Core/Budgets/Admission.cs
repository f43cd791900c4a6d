namespace Skiff.Core.Budgets;

/// <summary>Whether an environment may start now; when not, why (it waits in the queue).</summary>
public sealed record Admission(bool Admitted, string? Reason)
{
    public static Admission Yes { get; } = new(true, null);
}
