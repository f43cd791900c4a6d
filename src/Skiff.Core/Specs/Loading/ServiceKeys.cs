namespace Skiff.Core.Specs.Loading;

internal enum KeySupport
{
    /// <summary>Read into the model.</summary>
    Supported,

    /// <summary>Accepted with a warning: it does not matter for an isolated preview environment.</summary>
    Ignored,

    /// <summary>An error: it would break isolation or cannot work.</summary>
    Refused,
}

/// <param name="Reason">Why the key is ignored or refused (shown in the message).</param>
/// <param name="RefuseWhen">For an ignored key: the values that are refused instead (such as <c>network_mode: host</c>).</param>
internal sealed record ServiceKeyRule(KeySupport Support, string Reason = "", Func<string, bool>? RefuseWhen = null, string? RefusedReason = null);

/// <summary>What Skiff does with every Compose service key (docs/spec.md shows the same table).</summary>
internal static class ServiceKeys
{
    private const string Tuning = "fine-grained resource tuning is not applied; use cpus and mem_limit or deploy.resources.limits";
    private const string Network = "every environment gets one private network where services reach each other by name";

    private static bool SharesHost(string value) => value == "host";

    private static bool SharesNamespace(string value) =>
        value == "host" || value.StartsWith("service:", StringComparison.Ordinal) || value.StartsWith("container:", StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, ServiceKeyRule> All { get; } = new Dictionary<string, ServiceKeyRule>(StringComparer.Ordinal)
    {
        // Supported.
        ["build"] = new(KeySupport.Supported),
        ["image"] = new(KeySupport.Supported),
        ["command"] = new(KeySupport.Supported),
        ["entrypoint"] = new(KeySupport.Supported),
        ["environment"] = new(KeySupport.Supported),
        ["env_file"] = new(KeySupport.Supported),
        ["ports"] = new(KeySupport.Supported),
        ["expose"] = new(KeySupport.Supported),
        ["depends_on"] = new(KeySupport.Supported),
        ["healthcheck"] = new(KeySupport.Supported),
        ["volumes"] = new(KeySupport.Supported),
        ["restart"] = new(KeySupport.Supported),
        ["working_dir"] = new(KeySupport.Supported),
        ["user"] = new(KeySupport.Supported),
        ["profiles"] = new(KeySupport.Supported),
        ["secrets"] = new(KeySupport.Supported),
        ["configs"] = new(KeySupport.Supported),
        ["deploy"] = new(KeySupport.Supported),
        ["mem_limit"] = new(KeySupport.Supported),
        ["cpus"] = new(KeySupport.Supported),
        ["extends"] = new(KeySupport.Supported),
        ["x-skiff"] = new(KeySupport.Supported),

        // Ignored with a warning.
        ["annotations"] = new(KeySupport.Ignored, "annotations are not used"),
        ["attach"] = new(KeySupport.Ignored, "logs of every service are collected"),
        ["blkio_config"] = new(KeySupport.Ignored, Tuning),
        ["cap_add"] = new(KeySupport.Ignored, "containers run with the engine's default capabilities"),
        ["cap_drop"] = new(KeySupport.Ignored, "containers run with the engine's default capabilities"),
        ["cgroup"] = new(KeySupport.Ignored, "the engine's default cgroup namespace is used", SharesHost, "sharing the host's cgroup namespace would break isolation"),
        ["cgroup_parent"] = new(KeySupport.Ignored, "the engine's default cgroup is used"),
        ["container_name"] = new(KeySupport.Ignored, "Skiff names containers per environment"),
        ["cpu_count"] = new(KeySupport.Ignored, Tuning),
        ["cpu_percent"] = new(KeySupport.Ignored, Tuning),
        ["cpu_shares"] = new(KeySupport.Ignored, Tuning),
        ["cpu_period"] = new(KeySupport.Ignored, Tuning),
        ["cpu_quota"] = new(KeySupport.Ignored, Tuning),
        ["cpu_rt_runtime"] = new(KeySupport.Ignored, Tuning),
        ["cpu_rt_period"] = new(KeySupport.Ignored, Tuning),
        ["cpuset"] = new(KeySupport.Ignored, Tuning),
        ["credential_spec"] = new(KeySupport.Ignored, "it applies to Windows containers only"),
        ["develop"] = new(KeySupport.Ignored, "Compose Watch is not used; Skiff redeploys on every push"),
        ["device_cgroup_rules"] = new(KeySupport.Ignored, "containers get no host device access"),
        ["dns"] = new(KeySupport.Ignored, Network),
        ["dns_opt"] = new(KeySupport.Ignored, Network),
        ["dns_search"] = new(KeySupport.Ignored, Network),
        ["domainname"] = new(KeySupport.Ignored, Network),
        ["external_links"] = new(KeySupport.Ignored, Network),
        ["extra_hosts"] = new(KeySupport.Ignored, Network),
        ["group_add"] = new(KeySupport.Ignored, "the image's groups are used"),
        ["hostname"] = new(KeySupport.Ignored, "a service is reached by its service name"),
        ["init"] = new(KeySupport.Ignored, "the engine default is used"),
        ["ipc"] = new(KeySupport.Ignored, "each container keeps its own IPC namespace", SharesNamespace, "sharing an IPC namespace with the host or another container is not supported"),
        ["isolation"] = new(KeySupport.Ignored, "it applies to Windows containers only"),
        ["labels"] = new(KeySupport.Ignored, "Skiff sets its own labels"),
        ["label_file"] = new(KeySupport.Ignored, "Skiff sets its own labels"),
        ["links"] = new(KeySupport.Ignored, Network),
        ["logging"] = new(KeySupport.Ignored, "Skiff collects logs from the engine"),
        ["mac_address"] = new(KeySupport.Ignored, Network),
        ["mem_reservation"] = new(KeySupport.Ignored, Tuning),
        ["mem_swappiness"] = new(KeySupport.Ignored, Tuning),
        ["memswap_limit"] = new(KeySupport.Ignored, Tuning),
        ["network_mode"] = new(KeySupport.Ignored, Network, SharesNamespace, "environments are isolated: a service cannot use the host's or another container's network"),
        ["networks"] = new(KeySupport.Ignored, Network),
        ["oom_kill_disable"] = new(KeySupport.Ignored, Tuning),
        ["oom_score_adj"] = new(KeySupport.Ignored, Tuning),
        ["pid"] = new(KeySupport.Ignored, "each container keeps its own process namespace", SharesNamespace, "sharing a process namespace with the host or another container would break isolation"),
        ["pids_limit"] = new(KeySupport.Ignored, Tuning),
        ["platform"] = new(KeySupport.Ignored, "images run on the host's platform"),
        ["post_start"] = new(KeySupport.Ignored, "lifecycle hooks are not run"),
        ["pre_stop"] = new(KeySupport.Ignored, "lifecycle hooks are not run"),
        ["privileged"] = new(KeySupport.Ignored, "containers are never privileged", v => v.Equals("true", StringComparison.OrdinalIgnoreCase), "privileged containers would break isolation"),
        ["pull_policy"] = new(KeySupport.Ignored, "images are pulled when missing"),
        ["read_only"] = new(KeySupport.Ignored, "the container's file system stays writable"),
        ["scale"] = new(KeySupport.Ignored, "Skiff runs one container per service"),
        ["security_opt"] = new(KeySupport.Ignored, "the engine's default security profile is used"),
        ["shm_size"] = new(KeySupport.Ignored, "the engine default is used"),
        ["stdin_open"] = new(KeySupport.Ignored, "environments run without a terminal"),
        ["stop_grace_period"] = new(KeySupport.Ignored, "the engine default is used"),
        ["stop_signal"] = new(KeySupport.Ignored, "the image's stop signal is used"),
        ["storage_opt"] = new(KeySupport.Ignored, "the engine default is used"),
        ["sysctls"] = new(KeySupport.Ignored, "the engine's default kernel parameters are used"),
        ["tmpfs"] = new(KeySupport.Ignored, "the paths stay part of the container's own file system"),
        ["tty"] = new(KeySupport.Ignored, "environments run without a terminal"),
        ["ulimits"] = new(KeySupport.Ignored, "the engine default is used"),
        ["userns_mode"] = new(KeySupport.Ignored, "the engine default is used", SharesHost, "sharing the host's user namespace would break isolation"),
        ["uts"] = new(KeySupport.Ignored, "the engine default is used", SharesHost, "sharing the host's UTS namespace would break isolation"),

        // Refused.
        ["devices"] = new(KeySupport.Refused, "host devices would break the environment's isolation"),
        ["gpus"] = new(KeySupport.Refused, "environments get no GPUs"),
        ["models"] = new(KeySupport.Refused, "AI models are not provided to environments"),
        ["provider"] = new(KeySupport.Refused, "provider services run outside the engine and are not supported"),
        ["runtime"] = new(KeySupport.Refused, "environments run on the engine's default container runtime"),
        ["use_api_socket"] = new(KeySupport.Refused, "it would give the environment control of the engine"),
        ["volumes_from"] = new(KeySupport.Refused, "declare a named volume and mount it in both services"),
    };
}
