namespace Skiff.Core.Environments;

/// <summary>What asks for an environment's desired state to change; every trigger goes through <see cref="EnvironmentLifecycle"/>.</summary>
public enum EnvironmentTrigger
{
    /// <summary>Run a source (create or update): <c>skiff up</c>, a push to a pull request.</summary>
    Run,

    /// <summary>Sleep now, by hand (<c>skiff suspend</c>).</summary>
    Suspend,

    /// <summary>Run again, by hand (<c>skiff resume</c>); on a held environment, try again.</summary>
    Resume,

    /// <summary>A request to a suspended environment's URL.</summary>
    Wake,

    /// <summary>No request for the idle period.</summary>
    IdleSuspend,

    /// <summary>Its repository is over budget with policy <c>suspend</c>.</summary>
    BudgetSuspend,

    /// <summary>Keep it longer (<c>skiff extend</c>): the desired state stays, the expiry moves.</summary>
    Extend,

    /// <summary>Be gone, by hand or because its pull request closed.</summary>
    Remove,

    /// <summary>Its TTL ran out.</summary>
    Expire,

    /// <summary>The janitor found its pull request closed.</summary>
    JanitorRemove,
}
