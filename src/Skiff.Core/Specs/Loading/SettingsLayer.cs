using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>The Skiff settings one source gives (skiff.yaml or <c>x-skiff</c>); null means "not given here".</summary>
internal sealed record SettingsLayer
{
    public string? PublicService { get; init; }

    public SourceLocation? PublicLocation { get; init; }

    public SeedSpec? Seed { get; init; }

    public ResourceLimits? Resources { get; init; }

    public Lifetime? Ttl { get; init; }

    public Lifetime? Idle { get; init; }

    public ImmutableArray<string>? Profiles { get; init; }

    /// <summary>This layer's values, and <paramref name="under"/>'s where this one gives none.</summary>
    public SettingsLayer Over(SettingsLayer under) => new()
    {
        PublicService = PublicService ?? under.PublicService,
        PublicLocation = PublicService is not null ? PublicLocation : under.PublicLocation,
        Seed = Seed ?? under.Seed,
        Resources = Resources ?? under.Resources,
        Ttl = Ttl ?? under.Ttl,
        Idle = Idle ?? under.Idle,
        Profiles = Profiles ?? under.Profiles,
    };

    public SkiffSettings ToSettings(ImmutableArray<string> activeProfiles) => new()
    {
        PublicService = PublicService,
        PublicServiceLocation = PublicLocation,
        Seed = Seed,
        Resources = Resources ?? new ResourceLimits(),
        Ttl = Ttl,
        IdleSuspend = Idle,
        ActiveProfiles = activeProfiles,
    };
}
