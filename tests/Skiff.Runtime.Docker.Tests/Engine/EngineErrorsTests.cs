using System.Net;
using Docker.DotNet;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker.Tests.Engine;

public sealed class EngineErrorsTests
{
    [Fact]
    public void The_engine_message_is_taken_from_its_json_body_on_one_line()
    {
        var error = new DockerApiException(HttpStatusCode.NotFound,
            "{\"cause\":\"no such container\",\"message\":\"no container with name or ID \\\"x\\\" found:\\nno such container\",\"response\":404}\n");

        var mapped = EngineErrors.ToDriverException(error, "inspect container x", new Uri("unix:///run/podman/podman.sock"));

        Assert.Equal("cannot inspect container x: no container with name or ID \"x\" found: no such container", mapped.Message);
        Assert.Same(error, mapped.InnerException);
    }

    [Fact]
    public void A_body_that_is_not_json_is_used_as_it_is()
    {
        Assert.Equal("page not found", EngineErrors.Describe(new DockerApiException(HttpStatusCode.NotFound, "page not found\n")));
        Assert.Equal("the engine answered 500 InternalServerError", EngineErrors.Describe(new DockerApiException(HttpStatusCode.InternalServerError, "")));
    }

    [Fact]
    public void A_transport_failure_names_the_endpoint()
    {
        var error = new HttpRequestException("Connection failed.", new IOException("Connection refused"));

        var mapped = EngineErrors.ToDriverException(error, "list containers", new Uri("tcp://127.0.0.1:2375"));

        Assert.Equal("cannot list containers: no container engine answers at tcp://127.0.0.1:2375/ (Connection refused)", mapped.Message);
    }

    [Fact]
    public void A_missing_socket_file_is_named_as_such()
    {
        var error = new HttpRequestException("Connection failed.", new IOException("Cannot assign requested address"));

        var mapped = EngineErrors.ToDriverException(error, "list containers", new Uri("unix:///tmp/skiff-no-such-dir/docker.sock"));

        Assert.Equal("cannot list containers: no container engine answers at unix:///tmp/skiff-no-such-dir/docker.sock (no socket file at /tmp/skiff-no-such-dir/docker.sock)", mapped.Message);
    }
}
