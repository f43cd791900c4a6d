namespace Skiff.Core.Lifetimes;

/// <summary>
/// An environment is suspended once it has gone the idle period without a deploy or a request
/// (exactly the idle period counts as idle).
/// </summary>
public static class IdlePolicy
{
    /// <param name="idle">The idle period; null (or <see cref="TimeSpan.MaxValue"/>) for never.</param>
    public static IdleVerdict ShouldSuspend(DateTimeOffset now, DateTimeOffset lastDeploy, DateTimeOffset? lastActivity, TimeSpan? idle)
    {
        var idleFor = now - TtlPolicy.Later(lastDeploy, lastActivity);
        if (idleFor < TimeSpan.Zero)
            idleFor = TimeSpan.Zero;
        var suspend = idle is { } period && period != TimeSpan.MaxValue && idleFor >= period;
        return new IdleVerdict(suspend, idleFor);
    }
}
