using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;
using Skiff.Core.Specs.Validation;

namespace Skiff.Core.Tests.Specs;

public class SpecValidatorTests
{
    private static AppSpec Spec(params ServiceSpec[] services) => new() { Name = "shop", SourceDirectory = "/repo", Services = [.. services] };

    private static ServiceSpec Service(string name, params string[] dependsOn) =>
        new() { Name = name, Image = "x", DependsOn = [.. dependsOn.Select(d => new DependencySpec(d))] };

    private static string[] Messages(AppSpec spec) => SpecValidator.Validate(spec).Select(e => e.ToString()).ToArray();

    [Fact]
    public void A_valid_hand_built_spec_has_no_errors() => Assert.Empty(Messages(Spec(Service("web", "db"), Service("db"))));

    [Fact]
    public void Reports_cycles_in_compose_go_words()
    {
        Assert.Equal(["services.service1.depends_on: dependency cycle detected: service1 -> service2 -> service3 -> service1"],
            Messages(Spec(Service("service1", "service2"), Service("service2", "service3"), Service("service3", "service1"))));
        Assert.Equal(["services.service1.depends_on: dependency cycle detected: service1 -> service1"], Messages(Spec(Service("service1", "service1"))));
    }

    [Fact]
    public void Reports_each_separate_cycle_once()
    {
        Assert.Equal(
            ["services.a.depends_on: dependency cycle detected: a -> b -> a", "services.c.depends_on: dependency cycle detected: c -> d -> c"],
            Messages(Spec(Service("a", "b"), Service("b", "a"), Service("c", "d"), Service("d", "c"), Service("e", "a"))));
    }

    [Fact]
    public void Reports_unknown_dependencies_with_a_hint() =>
        Assert.Equal(["services.web.depends_on: service 'web' depends on undefined service 'dbb' (did you mean 'db'?)"],
            Messages(Spec(Service("web", "dbb"), Service("db"))));

    [Fact]
    public void Reports_names_that_are_not_dns_labels_and_services_without_image_or_build()
    {
        var spec = Spec(Service("Web_1"), new ServiceSpec { Name = "empty" }) with { Name = "My App" };
        Assert.Equal(
            [
                "name: the project name is not usable: 'My App' is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit",
                "services.Web_1: the service name is not usable (it becomes a host name): 'Web_1' is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit",
                "services.empty: service 'empty' has neither 'image' nor 'build'; give one of them",
            ],
            Messages(spec));
    }

    [Fact]
    public void Reports_duplicate_host_ports()
    {
        var web = Service("web") with { Ports = [new PortSpec(80, 8080), new PortSpec(81, 8081, "udp")] };
        var api = Service("api") with { Ports = [new PortSpec(3000, 8080, "tcp", "127.0.0.1"), new PortSpec(3001, 8081), new PortSpec(3002)] };
        var admin = Service("admin") with { Ports = [new PortSpec(1, 9000, "tcp", "127.0.0.1"), new PortSpec(2, 9000, "tcp", "127.0.0.2")] };
        Assert.Equal(["services.api.ports: host port 8080/tcp is already published by service 'web'; give each host port once"], Messages(Spec(web, api, admin)));
    }

    [Fact]
    public void Reports_limits_above_the_environment_cap_and_their_sum()
    {
        var spec = Spec(
            Service("a") with { Resources = new ResourceLimits(3, 512L << 20) },
            Service("b") with { Resources = new ResourceLimits(1, 2L << 30) },
            Service("c")) with
        {
            Settings = new SkiffSettings { Resources = new ResourceLimits(2, 2L << 30) },
        };
        Assert.Equal(
            [
                "services.a: service 'a' is limited to 3 CPUs, above the environment's cap of 2 (resources.cpu)",
                "resources.cpu: the services' explicit CPU limits add up to 4, above the environment's cap of 2; lower them or raise resources.cpu",
                "resources.memory: the services' explicit memory limits add up to 2.5GiB, above the environment's cap of 2GiB; lower them or raise resources.memory",
            ],
            Messages(spec));
    }

    [Fact]
    public void Reports_unknown_public_and_seed_services_and_external_volumes()
    {
        var spec = Spec(Service("web")) with
        {
            Volumes = [new VolumeSpec("shared", External: true)],
            Settings = new SkiffSettings { PublicService = "wbe", Seed = new SeedSpec { Service = "db", File = "/repo/seed.sql" } },
        };
        Assert.Equal(
            [
                "public: the public service 'wbe' is not a service of this spec (did you mean 'web'?); expected one of: web",
                "seed.service: the seed service 'db' is not a service of this spec; expected one of: web",
                "seed.file: the seed file 'seed.sql' does not exist",
                "volumes.shared.external: external volume 'shared' is not supported: every environment gets its own volumes, so remove 'external'",
            ],
            Messages(spec));
    }

    [Fact]
    public void Missing_build_contexts_and_dockerfiles_are_errors_unless_file_checks_are_off()
    {
        using var repo = new TempRepo();
        repo.Write("api/README", "").Write("compose.yaml", """
            services:
              web:
                build: ./web
              api:
                build: {context: api, dockerfile: Dockerfile.prod}
              up:
                build: ..
            """);
        SpecAssert.Errors(repo.Load(),
            "compose.yaml:3:12: services.web.build: the build context folder 'web' does not exist",
            "compose.yaml:5:12: services.api.build: the Dockerfile 'api/Dockerfile.prod' does not exist; add it or name another with build.dockerfile",
            $"compose.yaml:7:12: services.up.build: the build context '{Path.GetDirectoryName(repo.Root)}' is outside the repository; Skiff builds only from folders of the repository");
        SpecAssert.Error(repo.Load(TempRepo.NoVariables with { CheckFilesExist = false }),
            $"compose.yaml:7:12: services.up.build: the build context '{Path.GetDirectoryName(repo.Root)}' is outside the repository; Skiff builds only from folders of the repository");
    }

    [Fact]
    public void Validation_errors_carry_the_position_of_the_entry()
    {
        var result = TempRepo.LoadCompose("""
            services:
              web:
                image: x
                ports: ["8080:80"]
                depends_on: [cache]
              api:
                image: x
                ports: ["8080:3000"]
            """);
        SpecAssert.Errors(result,
            "compose.yaml:5:18: services.web.depends_on: service 'web' depends on undefined service 'cache'",
            "compose.yaml:8:13: services.api.ports: host port 8080/tcp is already published by service 'web' (compose.yaml:4:13); give each host port once");
    }

    [Fact]
    public void Reports_an_empty_project()
    {
        SpecAssert.Error(TempRepo.LoadCompose("# nothing\n"),
            "compose.yaml:1:1: services: the spec defines no services (or none that the active profiles enable); expected at least one under 'services:'");
    }
}
