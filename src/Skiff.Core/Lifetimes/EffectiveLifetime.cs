using Skiff.Core.Specs;
using Skiff.Core.Units;

namespace Skiff.Core.Lifetimes;

/// <summary>
/// Picks an environment's TTL and idle period: the app's skiff.yaml wins over the repository's
/// settings, which win over the server default. "Never" is honoured only when the server allows it;
/// otherwise the TTL falls back to the server's maximum and the idle period to the server's default.
/// Any TTL above the maximum is cut to the maximum.
/// </summary>
public static class EffectiveLifetime
{
    private static readonly LifetimeSettings BuiltIn = new();

    /// <param name="server">The server's <c>environments:</c> settings.</param>
    /// <param name="repositoryTtl">The repository's <c>ttl</c>; <see cref="TimeSpan.MaxValue"/> for never, null for unset.</param>
    /// <param name="repositoryIdle">The repository's <c>idle</c>; <see cref="TimeSpan.MaxValue"/> for never, null for unset.</param>
    /// <param name="app">The app's settings (skiff.yaml <c>ttl</c> and <c>idle</c>).</param>
    public static ResolvedLifetime Resolve(LifetimeSettings server, TimeSpan? repositoryTtl, TimeSpan? repositoryIdle, SkiffSettings app)
    {
        var notes = new List<string>();
        var maxTtl = Finite(server.MaxTtl);

        var (ttl, ttlSource) = Pick(app.Ttl, repositoryTtl, server.Ttl);
        if (ttl is null && !server.AllowNever)
        {
            var fallback = maxTtl ?? Finite(server.Ttl) ?? BuiltIn.MaxTtl;
            notes.Add($"ttl never ({ttlSource}) is not allowed on this server (allowNever: false); using {DurationFormat.Format(fallback)}");
            ttl = fallback;
        }
        else if (ttl is { } asked && maxTtl is { } max && asked > max)
        {
            notes.Add($"ttl {DurationFormat.Format(asked)} ({ttlSource}) is above the server's maximum; using {DurationFormat.Format(max)}");
            ttl = max;
        }

        var (idle, idleSource) = Pick(app.IdleSuspend, repositoryIdle, server.Idle);
        if (idle is null && !server.AllowNever)
        {
            var fallback = Finite(server.Idle) ?? BuiltIn.Idle;
            notes.Add($"idle never ({idleSource}) is not allowed on this server (allowNever: false); using {DurationFormat.Format(fallback)}");
            idle = fallback;
        }

        return new ResolvedLifetime(ttl, idle) { Notes = [.. notes] };
    }

    /// <summary>The first value that is set, as a duration or null for never, and where it came from.</summary>
    private static (TimeSpan? Value, string Source) Pick(Lifetime? app, TimeSpan? repository, TimeSpan server)
    {
        if (app is not null)
            return (app.Duration, "skiff.yaml");
        if (repository is { } fromRepository)
            return (Finite(fromRepository), "repository settings");
        return (Finite(server), "server default");
    }

    /// <summary>Null for <see cref="TimeSpan.MaxValue"/> (how server and repository settings write "never").</summary>
    private static TimeSpan? Finite(TimeSpan value) => value == TimeSpan.MaxValue ? null : value;
}
