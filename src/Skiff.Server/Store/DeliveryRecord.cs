namespace Skiff.Server.Store;

/// <summary>A webhook delivery already accepted (by its X-GitHub-Delivery id), so a redelivery does nothing.</summary>
public sealed class DeliveryRecord
{
    public required string Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string Event { get; set; }
}
