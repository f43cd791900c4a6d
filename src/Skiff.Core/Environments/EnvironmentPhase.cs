namespace Skiff.Core.Environments;

/// <summary>
/// Where an environment is in its life. Pending → Deploying → Ready; a failed deploy gives Failed
/// (the previous version, if any, keeps serving); Deleting → gone.
/// </summary>
public enum EnvironmentPhase
{
    /// <summary>Recorded, waiting for a reconciler worker.</summary>
    Pending,

    /// <summary>A deploy is running.</summary>
    Deploying,

    /// <summary>Every service of the wanted version is ready.</summary>
    Ready,

    /// <summary>The last deploy failed; the error says why.</summary>
    Failed,

    /// <summary>Being removed.</summary>
    Deleting,

    /// <summary>Containers stopped, volumes kept: costs only its storage until something wakes it.</summary>
    Suspended,

    /// <summary>Waiting for capacity (host limits) or budget before it may deploy.</summary>
    Queued,
}
