namespace Skiff.Core.Costs;

/// <summary>
/// What resources cost, per hour of reservation. Defaults: AWS Fargate on-demand, us-east-1,
/// Linux/x86 (per vCPU-hour and per GiB-hour), and EBS gp3 storage (per GiB-month); see docs/cost.md.
/// </summary>
public sealed record PriceTable
{
    public decimal VcpuHour { get; init; } = 0.04048m;

    public decimal GibHour { get; init; } = 0.004445m;

    public decimal VolumeGibMonth { get; init; } = 0.08m;

    public string Currency { get; init; } = "USD";

    /// <summary>AWS Fargate Spot, us-east-1 (about 70% below on-demand), with the same storage price.</summary>
    public static PriceTable Spot { get; } = new() { VcpuHour = 0.01334058m, GibHour = 0.00146489m };
}
