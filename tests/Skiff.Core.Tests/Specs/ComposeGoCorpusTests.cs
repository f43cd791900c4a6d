using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>
/// The test data of compose-go, the loader docker compose uses (see its SOURCE.md for what the
/// reference does with each file). Every file is loaded on its own, with the compose-go folder as
/// the repository root (so includes with a project_directory beside them resolve), and must give
/// exactly the outcome listed. Files that are only fragments (included or extended by others) are
/// walked too; where they fail on their own, the comment says why that is expected.
/// </summary>
public class ComposeGoCorpusTests
{
    private static readonly SpecLoadOptions Options = new()
    {
        Variables = new Dictionary<string, string>(),
        CheckFilesExist = false,
        RootDirectory = Fixtures.ComposeGo,
    };

    private const string OptData = "loader/subdir/compose-test-extends-imported.yaml:8:9: services.{0}.volumes: the bind mount source '/opt/data' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)";
    private const string NotDnsLabel = "is not a DNS label: use lowercase letters, digits and '-', starting and ending with a letter or digit";
    private const string Inline = "loader/include/dir/compose.yaml:4:7: services.service.build.dockerfile_inline: 'build.dockerfile_inline' is not supported: put the Dockerfile in the repository and name it with build.dockerfile";

    private static string Remote(string file, string target) =>
        $"{file}:4:13: services.{(file.Contains("cycle/compose-cycle") ? "bar" : "foo")}.extends.file: the extends file '{target}' is remote; remote resources need network access and are not supported, so keep the file in the repository";

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["cli/UNNORMALIZED PATH/compose.yaml"] = [],
        ["cli/env-file/compose-with-env-file.yaml"] = [],
        ["cli/env-file/compose-with-env-files.yaml"] = [],
        ["cli/simple/compose-name.yaml"] = [],
        ["cli/simple/compose-with-overrides.yaml"] = [],
        // Skiff runs on Linux and binds only repository paths; compose-go keeps the Windows path as it is.
        ["cli/simple/compose-with-paths.yaml"] =
        [
            @"cli/simple/compose-with-paths.yaml:6:15: services.test.volumes[0]: cannot bind 'C:\docker\project': 'C:\docker\project' is a Windows path; Skiff runs environments on Linux and uses paths inside the repository",
        ],
        ["cli/simple/compose-with-variables.yaml"] = [],
        ["cli/simple/compose.yaml"] = [],
        ["loader/combined/compose.yaml"] = [],
        ["loader/combined/dir/extended.yaml"] = [],
        ["loader/combined/dir/included.yaml"] = [],
        ["loader/compose-depends-on-cycle.yaml"] =
        [
            "loader/compose-depends-on-cycle.yaml:6:9: services.service1.depends_on: dependency cycle detected: service1 -> service2 -> service3 -> service1",
        ],
        // This copy of the fixture declares no profiles, so every service is enabled and the cycle stands (cycles are
        // looked for among enabled services only, as compose-go does; see ProfileTests for disabled dependencies).
        ["loader/compose-depends-on-profile-no-cycle.yaml"] =
        [
            "loader/compose-depends-on-profile-no-cycle.yaml:6:9: services.service1.depends_on: dependency cycle detected: service1 -> service2 -> service3 -> service1",
        ],
        ["loader/compose-depends-on-self.yaml"] =
        [
            "loader/compose-depends-on-self.yaml:6:9: services.service1.depends_on: dependency cycle detected: service1 -> service1",
        ],
        ["loader/compose-include-cycle.yaml"] =
        [
            "loader/compose-include-cycle.yaml:2:5: include[0]: include cycle detected: loader/compose-include-cycle.yaml -> loader/compose-include-cycle.yaml",
        ],
        // The included file binds /opt/data, a host folder outside the repository: Skiff refuses it.
        ["loader/compose-include.yaml"] = [string.Format(OptData, "imported")],
        ["loader/compose-test-extends-with-context-url-imported.yaml"] =
        [
            "loader/compose-test-extends-with-context-url-imported.yaml:4:16: services.imported-with-https-url.build.context: remote build context 'https://github.com/docker/compose.git' is refused: remote contexts need network access and are not supported; put the sources in the repository and use a local path",
        ],
        ["loader/compose-test-extends-with-context-url.yaml"] =
        [
            "loader/compose-test-extends-with-context-url-imported.yaml:4:16: services.importer-with-https-url.build.context: remote build context 'https://github.com/docker/compose.git' is refused: remote contexts need network access and are not supported; put the sources in the repository and use a local path",
        ],
        ["loader/compose-test-extends.yaml"] = [string.Format(OptData, "importer")],
        ["loader/compose-test-with-version.yaml"] =
        [
            "loader/compose-test-with-version.yaml:17:5: services.web.volumes_from: 'volumes_from' is not supported: declare a named volume and mount it in both services",
        ],
        ["loader/empty.yaml"] =
        [
            "loader/empty.yaml:1:1: services: the spec defines no services (or none that the active profiles enable); expected at least one under 'services:'",
        ],
        // A fragment for extends tests: some services are partial (no image) or not DNS labels.
        ["loader/extends/base.yaml"] =
        [
            "loader/extends/base.yaml:8:3: services.with-port: service 'with-port' has neither 'image' nor 'build'; give one of them",
            $"loader/extends/base.yaml:12:3: services.withUlimits: the service name is not usable (it becomes a host name): 'withUlimits' {NotDnsLabel}",
            "loader/extends/base.yaml:25:3: services.nil: service 'nil' has neither 'image' nor 'build'; give one of them",
        ],
        // A fragment whose services share namespaces and volumes with another service: refused, and their names have '_'.
        ["loader/extends/depends_on.yaml"] =
        [
            "loader/extends/depends_on.yaml:9:5: services.with_volumes_from.volumes_from: 'volumes_from' is not supported: declare a named volume and mount it in both services",
            "loader/extends/depends_on.yaml:14:5: services.with_ipc.ipc: 'ipc: service:zot' is not supported: sharing an IPC namespace with the host or another container is not supported",
            "loader/extends/depends_on.yaml:18:5: services.with_network_mode.network_mode: 'network_mode: service:zot' is not supported: environments are isolated: a service cannot use the host's or another container's network",
            $"loader/extends/depends_on.yaml:2:3: services.with_depends_on: the service name is not usable (it becomes a host name): 'with_depends_on' {NotDnsLabel}",
            $"loader/extends/depends_on.yaml:7:3: services.with_volumes_from: the service name is not usable (it becomes a host name): 'with_volumes_from' {NotDnsLabel}",
            $"loader/extends/depends_on.yaml:12:3: services.with_ipc: the service name is not usable (it becomes a host name): 'with_ipc' {NotDnsLabel}",
            $"loader/extends/depends_on.yaml:16:3: services.with_network_mode: the service name is not usable (it becomes a host name): 'with_network_mode' {NotDnsLabel}",
        ],
        // Without SOURCE set, the default binds /dev/null from the host.
        ["loader/extends/interpolated.yaml"] =
        [
            "loader/extends/interpolated.yaml:5:9: services.foo.volumes: the bind mount source '/dev/null' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)",
        ],
        ["loader/extends/nested.yaml"] = [],
        ["loader/extends/ports.yaml"] = [],
        ["loader/extends/reset.yaml"] = [],
        ["loader/extends/sibling.yaml"] = [],
        ["loader/extends/withdir/compose.yaml"] = [],
        ["loader/extends/withdir/dir/base.yaml"] = [],
        ["loader/extends/withdir/dir/compose.yaml"] = [],
        ["loader/include/compose.yaml"] = [],
        // Included by project-directory.yaml; Skiff builds from Dockerfiles in the repository only.
        ["loader/include/dir/compose.yaml"] = [Inline],
        ["loader/include/included.yaml"] = [],
        ["loader/include/project-directory.yaml"] = [Inline],
        ["loader/remote/compose.yaml"] = [],
        // compose-go's tests serve "remote:" paths from a fake remote loader; Skiff refuses remote files.
        ["loader/remote/cycle/compose-cycle.yaml"] = [Remote("loader/remote/cycle/compose-cycle.yaml", "remote:cycle/compose.yaml")],
        ["loader/remote/cycle/compose.yaml"] = [Remote("loader/remote/cycle/compose.yaml", "remote:cycle/compose-cycle.yaml")],
        ["loader/remote/nested/compose-nested.yaml"] = [],
        ["loader/remote/nested/compose.yaml"] = [Remote("loader/remote/nested/compose.yaml", "remote:nested/compose-nested.yaml")],
        // The fragment compose-include.yaml and compose-test-extends.yaml use; it binds /opt/data.
        ["loader/subdir/compose-test-extends-imported.yaml"] = [string.Format(OptData, "imported")],
    };

    private static SpecLoadResult Load(string file, SpecLoadOptions? options = null) =>
        SpecLoader.LoadFile(Path.Combine(Fixtures.ComposeGo, file), options ?? Options);

    private static AppSpec LoadOk(string file)
    {
        var result = Load(file);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    public static TheoryData<string> Files() => [.. CorpusAssert.ComposeFiles(Fixtures.ComposeGo)];

    [Fact]
    public void The_expectations_cover_every_compose_file_of_the_corpus() =>
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), CorpusAssert.ComposeFiles(Fixtures.ComposeGo));

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_file_loads_or_fails_with_the_expected_positioned_errors(string file)
    {
        var result = Load(file);
        CorpusAssert.WellFormed(result, Fixtures.ComposeGo, file);
        Assert.Equal(Expected[file], CorpusAssert.Lines(result.Errors));
    }

    [Fact]
    public void Published_port_comes_from_the_dot_env_beside_the_file()
    {
        var simple = LoadOk("cli/simple/compose-with-variables.yaml").FindService("simple")!;
        Assert.Equal([new PortSpec(80, 8000)], simple.Ports.Select(p => p with { Location = null }));
    }

    [Fact]
    public void The_callers_variables_win_over_dot_env()
    {
        var spec = Load("cli/simple/compose-with-variables.yaml", Options with { Variables = new Dictionary<string, string> { ["PUBLIC_PORT"] = "9999" } }).Spec!;
        Assert.Equal(9999, spec.FindService("simple")!.Ports[0].HostPort);
    }

    [Fact]
    public void Env_files_are_read_in_order()
    {
        var one = LoadOk("cli/env-file/compose-with-env-file.yaml").FindService("simple")!;
        Assert.Equal(new Dictionary<string, string> { ["DEFAULT_PORT"] = "8080" }, one.Environment);
        var two = LoadOk("cli/env-file/compose-with-env-files.yaml").FindService("simple")!;
        Assert.Equal(new Dictionary<string, string> { ["DEFAULT_PORT"] = "9090" }, two.Environment);
        Assert.Equal(8000, two.Ports[0].HostPort);
    }

    [Fact]
    public void Names_come_from_the_file_or_the_folder()
    {
        var named = Load("cli/simple/compose-name.yaml");
        Assert.Equal("test--test", named.Spec!.Name);
        Assert.Contains("cli/simple/compose-name.yaml:1:7: name: variable 'TEST' is not set; using an empty string (set it, or give a default with ${TEST:-default})",
            CorpusAssert.Lines(named.Warnings));
        Assert.Equal("test-x-test", Load("cli/simple/compose-name.yaml", Options with { Variables = new Dictionary<string, string> { ["TEST"] = "x" } }).Spec!.Name);
        Assert.Equal("unnormalized-path", LoadOk("cli/UNNORMALIZED PATH/compose.yaml").Name);
        Assert.Equal("depends-on-cycle", Load("loader/compose-depends-on-cycle.yaml").Spec!.Name);
    }

    [Fact]
    public void Extends_within_a_file()
    {
        var reset = LoadOk("loader/extends/reset.yaml").FindService("base")!;
        Assert.Equal("alpine:latest", reset.Image);
        Assert.Null(reset.Command);
        Assert.Equal(["sleep", "infinity"], LoadOk("loader/extends/reset.yaml").FindService("init")!.Command!.Value.ToArray());

        var another = Load("loader/extends/base.yaml").Spec!.FindService("another")!;
        Assert.Equal("base", another.Image);
    }

    [Fact]
    public void Extends_from_another_file_resolves_its_paths_against_that_file()
    {
        var importer = Load("loader/compose-test-extends.yaml").Spec!.FindService("importer")!;
        Assert.Equal("nginx", importer.Image);
        Assert.Equal(new Dictionary<string, string> { ["SOURCE"] = "extends" }, importer.Environment);

        var nested = LoadOk("loader/extends/nested.yaml").FindService("with-build")!;
        Assert.Equal(Path.Combine(Fixtures.ComposeGo, "loader/extends"), nested.Build!.Context);

        var withBuild = Load("loader/extends/base.yaml").Spec!.FindService("with-build")!;
        Assert.Equal(Path.Combine(Fixtures.ComposeGo, "loader/extends"), withBuild.Build!.Context);

        Assert.Equal("hello-world", LoadOk("loader/extends/withdir/compose.yaml").FindService("test")!.Image);
        Assert.Equal([8080], LoadOk("loader/extends/ports.yaml").FindService("test")!.Ports.Select(p => p.ContainerPort));
    }

    [Fact]
    public void Include_adds_the_included_services_with_their_own_paths()
    {
        var spec = Load("loader/compose-include.yaml").Spec!;
        Assert.Equal(["bar", "imported"], spec.Services.Select(s => s.Name));
        Assert.Equal(new Dictionary<string, string> { ["FOO"] = "BAR" }, spec.FindService("bar")!.Environment);
        Assert.Equal(new Dictionary<string, string> { ["SOURCE"] = "extends" }, spec.FindService("imported")!.Environment);

        var included = LoadOk("loader/include/compose.yaml").FindService("included")!;
        Assert.Equal(Path.Combine(Fixtures.ComposeGo, "loader/include"), included.Build!.Context);
        Assert.Equal(new MountSpec(MountType.Bind, Path.Combine(Fixtures.ComposeGo, "loader/include"), "/mnt"), included.Mounts[0] with { Location = null });

        var combined = LoadOk("loader/combined/compose.yaml").FindService("service")!;
        Assert.Equal(Path.Combine(Fixtures.ComposeGo, "loader/combined/dir"), combined.Build!.Context);
    }

    [Fact]
    public void Include_project_directory_moves_relative_paths()
    {
        var result = Load("loader/include/project-directory.yaml");
        var service = result.Spec!.FindService("service")!;
        Assert.Equal(Path.Combine(Fixtures.ComposeGo, "loader/subdir/compose-test-extends-imported.yaml"), service.Mounts[0].Source);
        Assert.Equal(new Dictionary<string, string> { ["SOURCE"] = "extends" }, service.Environment);
    }

    [Fact]
    public void Version_and_networks_are_accepted_with_warnings()
    {
        var result = Load("loader/compose-test-with-version.yaml");
        Assert.Equal(
            [
                "loader/compose-test-with-version.yaml:1:1: version: the top-level 'version' key is obsolete and ignored",
                "loader/compose-test-with-version.yaml:8:1: networks: top-level networks are ignored: every environment gets one private network",
                "loader/compose-test-with-version.yaml:14:5: services.web.networks: 'networks' is ignored: every environment gets one private network where services reach each other by name",
            ],
            CorpusAssert.Lines(result.Warnings));
        Assert.Equal(new MountSpec(MountType.Volume, null, "/data"), result.Spec!.FindService("other")!.Mounts[0] with { Location = null });
    }
}
