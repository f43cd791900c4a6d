using System.Collections.Immutable;
using Skiff.Core.Planning;
using Skiff.Core.Runtime;
using Skiff.Core.Specs;
using Skiff.Core.Tests.Fakes;

namespace Skiff.Core.Tests.Planning;

public sealed class DeployPlannerTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly IReadOnlySet<string> NoneReady = new HashSet<string>();

    private static EnvironmentState State(params ContainerState[] containers) => new() { Environment = "shop", Containers = [.. containers] };

    private ContainerState Running(string service, string? hash = null, string status = "running", int? exitCode = null, DateTimeOffset? created = null)
    {
        var revision = hash is null ? Revision(service) : null;
        return new ContainerState
        {
            Id = $"{service}-{Guid.NewGuid():N}"[..16],
            Name = "x",
            Environment = "shop",
            Service = service,
            Hash = hash ?? revision!.Hash,
            Image = revision?.Request.Image ?? "old-image",
            Status = status,
            ExitCode = exitCode,
            CreatedAt = created ?? DateTimeOffset.UtcNow,
        };
    }

    private ServiceRevision Revision(string service) =>
        ServiceRevision.For("shop", _app.Spec().FindService(service)!, new ResourceLimits());

    [Fact]
    public void An_empty_engine_creates_every_service()
    {
        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(), NoneReady);

        Assert.All(plan.Steps, s => Assert.Equal(ServiceAction.Create, s.Action));
        Assert.Equal<string>(["db-data"], plan.Volumes);
    }

    [Fact]
    public void Ready_containers_with_the_same_hash_are_kept_and_the_plan_is_a_no_op()
    {
        var containers = new[] { Running("web"), Running("api"), Running("db") };

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(containers), containers.Select(c => c.Id).ToHashSet());

        Assert.True(plan.IsNoOp);
        Assert.All(plan.Steps, s => Assert.Equal(ServiceAction.Keep, s.Action));
    }

    [Fact]
    public void A_running_container_no_deploy_saw_ready_is_re_checked()
    {
        var web = Running("web");

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(web), NoneReady);

        Assert.Equal(ServiceAction.Adopt, plan.Find("web")!.Action);
    }

    [Fact]
    public void A_stopped_container_with_the_same_hash_is_started()
    {
        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(Running("web", status: "exited", exitCode: 137)), NoneReady);

        Assert.Equal(ServiceAction.Start, plan.Find("web")!.Action);
    }

    [Fact]
    public void A_changed_context_replaces_the_service()
    {
        var old = Running("api", hash: "0123456789abcdef");

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(old), NoneReady);

        var step = plan.Find("api")!;
        Assert.Equal(ServiceAction.Replace, step.Action);
        Assert.Equal(old.Id, step.Current!.Id);
    }

    [Fact]
    public void Leftovers_of_an_interrupted_replace_are_stale_and_the_new_container_is_re_checked()
    {
        // The server died after starting the new version and before removing the old one.
        var old = Running("api", hash: "0123456789abcdef", created: DateTimeOffset.UtcNow.AddMinutes(-5));
        var fresh = Running("api");

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(old, fresh), NoneReady);

        var step = plan.Find("api")!;
        Assert.Equal(ServiceAction.Adopt, step.Action);
        Assert.Equal(fresh.Id, step.Current!.Id);
        Assert.Equal([old.Id], step.Stale.Select(c => c.Id));
        Assert.False(plan.IsNoOp);
    }

    [Fact]
    public void Containers_of_services_no_longer_in_the_spec_are_orphans()
    {
        var gone = Running("worker", hash: "feedfacefeedface");

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(gone), NoneReady);

        Assert.Equal([gone.Id], plan.Orphans.Select(c => c.Id));
    }

    [Fact]
    public void A_one_shot_that_completed_is_kept_not_re_run()
    {
        var completed = Running("db", status: "exited", exitCode: 0);

        var plan = DeployPlanner.Plan("shop", _app.Spec(), State(completed), NoneReady, oneShots: new HashSet<string> { "db" });

        Assert.Equal(ServiceAction.Keep, plan.Find("db")!.Action);
    }

    [Fact]
    public void The_hash_covers_config_as_well_as_content()
    {
        var web = _app.Spec().FindService("web")!;
        var plain = ServiceRevision.For("shop", web, new ResourceLimits()).Hash;

        Assert.Equal(plain, ServiceRevision.For("shop", web, new ResourceLimits()).Hash);
        Assert.NotEqual(plain, ServiceRevision.For("shop", web with { Environment = ImmutableSortedDictionary<string, string>.Empty.Add("A", "1") }, new ResourceLimits()).Hash);
        Assert.NotEqual(plain, ServiceRevision.For("shop", web, new ResourceLimits(MemoryBytes: 1 << 28)).Hash);
        Assert.NotEqual(plain, ServiceRevision.For("other", web, new ResourceLimits()).Hash);
        _app.Change("web", "print('changed')");
        Assert.NotEqual(plain, ServiceRevision.For("shop", web, new ResourceLimits()).Hash);
    }

    [Fact]
    public void The_same_app_in_another_folder_keeps_its_hashes()
    {
        using var copy = new TestApp();
        ServiceSpec WithFiles(TestApp app) => app.Spec().FindService("api")! with
        {
            Mounts = [new MountSpec(MountType.Bind, Path.Combine(app.Root, "api"), "/src", ReadOnly: true)],
            Files = [new FileMountSpec(FileMountKind.Secret, "seed", Path.Combine(app.Root, "seed.sql"), "/run/secrets/seed")],
        };

        var here = ServiceRevision.For("shop", WithFiles(_app), new ResourceLimits(), _app.Root);
        var there = ServiceRevision.For("shop", WithFiles(copy), new ResourceLimits(), copy.Root);

        Assert.Equal(here.Hash, there.Hash);
        Assert.Equal(copy.Root, there.Request.SourceDirectory);
        Assert.Contains(there.Request.Mounts, m => m.Source == Path.Combine(copy.Root, "api"));
    }

    [Fact]
    public void A_service_with_a_named_volume_is_stateful()
    {
        Assert.True(Revision("db").IsStateful);
        Assert.False(Revision("web").IsStateful);
    }
}
