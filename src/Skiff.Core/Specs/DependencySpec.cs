namespace Skiff.Core.Specs;

/// <summary>One entry of <c>depends_on:</c>.</summary>
public sealed record DependencySpec(string Service, DependencyCondition Condition = DependencyCondition.Started, bool Required = true)
{
    /// <summary>Where the entry was written, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }
}

public enum DependencyCondition
{
    /// <summary><c>service_started</c>: the dependency's container is running.</summary>
    Started,

    /// <summary><c>service_healthy</c>: the dependency's health check passes.</summary>
    Healthy,

    /// <summary><c>service_completed_successfully</c>: the dependency ran and exited with code 0.</summary>
    CompletedSuccessfully,
}
