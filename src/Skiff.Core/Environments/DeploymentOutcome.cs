namespace Skiff.Core.Environments;

/// <summary>How one deploy (a row of an environment's deploy history) ended.</summary>
public enum DeploymentOutcome
{
    /// <summary>Still going.</summary>
    Running,

    Succeeded,

    Failed,

    /// <summary>The server stopped or was killed during it; the next start repaired what it left.</summary>
    Interrupted,
}
