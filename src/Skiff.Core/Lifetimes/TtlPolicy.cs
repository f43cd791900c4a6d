namespace Skiff.Core.Lifetimes;

/// <summary>
/// An environment expires a TTL after its last deploy or its last request, whichever is later,
/// and never before the time <c>skiff extend</c> set.
/// </summary>
public static class TtlPolicy
{
    public static TtlVerdict Evaluate(DateTimeOffset now, DateTimeOffset lastDeploy, DateTimeOffset? lastActivity,
        DateTimeOffset? extendedUntil, TimeSpan? ttl, TimeSpan warningLead)
    {
        if (ttl is not { } span || span == TimeSpan.MaxValue || extendedUntil == Extension.Forever)
            return TtlVerdict.Never;

        var lastUse = Later(lastDeploy, lastActivity);
        if (span > DateTimeOffset.MaxValue - lastUse)
            return TtlVerdict.Never;

        var expiresAt = lastUse + span;
        if (extendedUntil is { } until && until > expiresAt)
            expiresAt = until;

        var remaining = expiresAt - now;
        if (remaining <= TimeSpan.Zero)
            return new TtlVerdict(TtlState.Expired, expiresAt, TimeSpan.Zero);
        if (remaining <= warningLead)
            return new TtlVerdict(TtlState.Warn, expiresAt, remaining);
        return new TtlVerdict(TtlState.Alive, expiresAt, remaining);
    }

    internal static DateTimeOffset Later(DateTimeOffset lastDeploy, DateTimeOffset? lastActivity) =>
        lastActivity is { } activity && activity > lastDeploy ? activity : lastDeploy;
}
