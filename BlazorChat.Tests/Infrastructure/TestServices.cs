namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// The backing services a test run provides through the environment (./test.sh starts them).
/// A missing service fails the test that needs it with a message saying how to provide it:
/// a test that silently does nothing would pass without proving anything.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "BLAZORCHAT_TEST_POSTGRES";
    public const string RequireServicesVariable = "BLAZORCHAT_TEST_REQUIRE_SERVICES";

    /// <summary>True when the run promised every service (./test.sh, CI): a missing one is a broken run, not a developer machine.</summary>
    public static bool ServicesRequired =>
        Environment.GetEnvironmentVariable(RequireServicesVariable) == "1"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string RedisVariable = "BLAZORCHAT_TEST_REDIS";

    /// <summary>host:port of the Redis server ./test.sh started.</summary>
    public static string RedisConnectionString =>
        Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{RedisVariable} is not set, so the Redis bus tests cannot run. Run ./test.sh, " +
                $"which starts a throwaway redis-server and exports it, or start one and export {RedisVariable}=127.0.0.1:PORT.");

    public const string S3Variable = "BLAZORCHAT_TEST_S3";
    public const string S3BucketVariable = "BLAZORCHAT_TEST_S3_BUCKET";

    /// <summary>The endpoint of the S3-compatible server (s3rver, started by ./test.sh), e.g. http://127.0.0.1:4568.</summary>
    public static string S3Endpoint =>
        Environment.GetEnvironmentVariable(S3Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{S3Variable} is not set, so the S3 storage tests cannot run. Run ./test.sh, which " +
                "installs and starts s3rver (an S3-compatible server) and exports its endpoint, or start one yourself and export " +
                $"{S3Variable}=http://127.0.0.1:PORT and {S3BucketVariable}=BUCKET (credentials S3RVER/S3RVER).");

    /// <summary>The bucket the S3 server was started with.</summary>
    public static string S3Bucket => Environment.GetEnvironmentVariable(S3BucketVariable) is { Length: > 0 } value ? value : "blazorchat-test";

    /// <summary>Configuration that points a host's file store at the test S3 server.</summary>
    public static Dictionary<string, string?> S3Settings() => new()
    {
        ["BlazorChat:Storage:Provider"] = "S3",
        ["BlazorChat:Storage:S3:ServiceUrl"] = S3Endpoint,
        ["BlazorChat:Storage:S3:Bucket"] = S3Bucket,
        ["BlazorChat:Storage:S3:AccessKey"] = "S3RVER",
        ["BlazorChat:Storage:S3:SecretKey"] = "S3RVER",
    };

    /// <summary>An Npgsql connection string for a superuser, database <c>postgres</c>.</summary>
    public static string PostgresConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(PostgresVariable);
            if (!string.IsNullOrWhiteSpace(value)) return value;
            throw new InvalidOperationException(ServicesRequired
                ? $"{PostgresVariable} is not set although {RequireServicesVariable}=1 (or CI=true) says every test service was started. " +
                  "Run the tests through ./test.sh, which starts a throwaway PostgreSQL and exports the connection string, " +
                  "and check its service start-up output if it did not."
                : $"{PostgresVariable} is not set, so the PostgreSQL tests cannot run. Run ./test.sh (it starts a throwaway " +
                  $"PostgreSQL and sets it), or export {PostgresVariable} with an Npgsql connection string for a superuser, " +
                  "database postgres, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres.");
        }
    }
}
