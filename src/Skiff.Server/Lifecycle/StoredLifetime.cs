using Skiff.Core.Lifetimes;
using Skiff.Core.Specs;
using Skiff.Core.Units;
using Skiff.Server.Store;
using Skiff.Server.Configuration;

namespace Skiff.Server.Lifecycle;

/// <summary>An environment's effective TTL and idle period: the app's skiff.yaml (as stored at its last deploy), its repository's, the server's.</summary>
public static class StoredLifetime
{
    public static ResolvedLifetime Of(EnvironmentRecord record, SkiffServerOptions options)
    {
        var repository = record.Repository is { } name ? options.FindRepository(name) : null;
        var app = new SkiffSettings { Ttl = Parse(record.AppTtl), IdleSuspend = Parse(record.AppIdle) };
        return EffectiveLifetime.Resolve(options.Lifetimes, repository?.Ttl, repository?.Idle, app);
    }

    private static Lifetime? Parse(string? text) => text switch
    {
        null => null,
        "never" => Lifetime.Never,
        _ when DurationFormat.TryParse(text, out var duration) => new Lifetime(duration),
        _ => null,
    };
}
