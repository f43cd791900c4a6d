using Skiff.Core.Environments;
using Skiff.Server.Store;

namespace Skiff.Server.Environments;

/// <summary>What a request for a desired state did: the lifecycle's decision and the environment after it (null when there is none).</summary>
public sealed record StateChange(LifecycleDecision Decision, EnvironmentRecord? Record)
{
    public LifecycleOutcome Outcome => Decision.Outcome;

    public static StateChange NotFound { get; } = new(new LifecycleDecision(LifecycleOutcome.NotFound), null);
}
