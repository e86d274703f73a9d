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
