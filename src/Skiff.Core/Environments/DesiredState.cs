namespace Skiff.Core.Environments;

/// <summary>What triggers ask for; the reconciler makes it so.</summary>
public enum DesiredState
{
    /// <summary>Running at the recorded source revision.</summary>
    Running,

    /// <summary>Gone: every labelled object removed.</summary>
    Absent,

    /// <summary>Asleep: containers stopped, volumes (data) kept; a request to its URL wakes it.</summary>
    Suspended,
}
