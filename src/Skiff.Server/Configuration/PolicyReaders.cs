using Skiff.Core.Budgets;
using Skiff.Core.Costs;
using Skiff.Core.Lifetimes;
using YamlDotNet.RepresentationModel;

namespace Skiff.Server.Configuration;

/// <summary>Reads the cost-control sections of skiff-server.yaml: environments, capacity, prices, janitor, a repository's budget.</summary>
internal static class PolicyReaders
{
    private static readonly string[] LifetimeKeys = ["ttl", "idle", "ttlWarning", "maxTtl", "allowNever"];
    private static readonly string[] CapacityKeys = ["maxRunning", "maxReservedMemory"];
    private static readonly string[] PriceKeys = ["vcpuHour", "gibHour", "volumeGibMonth", "currency", "preset"];
    private static readonly string[] JanitorKeys = ["interval", "dryRun"];
    private static readonly string[] BudgetKeys = ["monthly", "perAuthor", "policy"];

    public static LifetimeSettings Lifetimes(ConfigReader reader, YamlNode node, string path)
    {
        var settings = new LifetimeSettings();
        foreach (var (key, value, full) in reader.Entries(reader.Mapping(node, path), path, LifetimeKeys))
        {
            settings = key switch
            {
                "ttl" => settings with { Ttl = reader.DurationOrNever(value, full) },
                "idle" => settings with { Idle = reader.DurationOrNever(value, full) },
                "ttlWarning" => settings with { TtlWarning = reader.Duration(value, full) },
                "maxTtl" => settings with { MaxTtl = reader.DurationOrNever(value, full) },
                _ => settings with { AllowNever = reader.Boolean(value, full) },
            };
        }
        return settings;
    }

    public static CapacityLimits Capacity(ConfigReader reader, YamlNode node, string path)
    {
        var limits = new CapacityLimits();
        foreach (var (key, value, full) in reader.Entries(reader.Mapping(node, path), path, CapacityKeys))
        {
            limits = key == "maxRunning"
                ? limits with { MaxRunning = reader.Integer(value, full, 1, 100_000) }
                : limits with { MaxReservedMemoryBytes = reader.Size(value, full) };
        }
        return limits;
    }

    public static PriceTable Prices(ConfigReader reader, YamlNode node, string path)
    {
        var prices = new PriceTable();
        foreach (var (key, value, full) in reader.Entries(reader.Mapping(node, path), path, PriceKeys))
        {
            prices = key switch
            {
                "preset" => reader.String(value, full) switch
                {
                    "on-demand" => new PriceTable(),
                    "spot" => PriceTable.Spot,
                    var other => throw reader.Error(value, full, $"expected on-demand or spot, got '{other}'"),
                },
                "vcpuHour" => prices with { VcpuHour = reader.Money(value, full) },
                "gibHour" => prices with { GibHour = reader.Money(value, full) },
                "volumeGibMonth" => prices with { VolumeGibMonth = reader.Money(value, full) },
                _ => prices with { Currency = reader.String(value, full) },
            };
        }
        return prices;
    }

    public static JanitorSettings Janitor(ConfigReader reader, YamlNode node, string path)
    {
        var settings = JanitorSettings.Default;
        foreach (var (key, value, full) in reader.Entries(reader.Mapping(node, path), path, JanitorKeys))
        {
            settings = key == "interval"
                ? settings with { Interval = reader.Duration(value, full) }
                : settings with { DryRun = reader.Boolean(value, full) };
        }
        return settings;
    }

    public static BudgetRules Budget(ConfigReader reader, YamlNode node, string path)
    {
        var rules = new BudgetRules();
        foreach (var (key, value, full) in reader.Entries(reader.Mapping(node, path), path, BudgetKeys))
        {
            rules = key switch
            {
                "monthly" => rules with { Monthly = reader.Money(value, full) },
                "perAuthor" => rules with { PerAuthor = reader.Money(value, full) },
                _ => rules with
                {
                    Policy = reader.String(value, full) switch
                    {
                        "warn" => BudgetPolicy.Warn,
                        "suspend" => BudgetPolicy.Suspend,
                        "refuse" => BudgetPolicy.Refuse,
                        var other => throw reader.Error(value, full, $"expected warn, suspend or refuse, got '{other}'"),
                    },
                },
            };
        }
        return rules;
    }
}
