namespace Skiff.Core.Deploy;

/// <summary>Where one service is in a deploy.</summary>
public enum ServiceStatus
{
    Pending,
    Building,
    Built,
    Starting,
    WaitingHealthy,
    Seeding,
    Ready,
    Unchanged,
    Failed,
    Stopped,
}
