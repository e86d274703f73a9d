namespace BlazorChat.Core.Common;

/// <summary>Base of the errors a person or client caused; each carries a message meant for them.</summary>
public abstract class ChatException(string message) : Exception(message);

/// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
public sealed class ChatNotFoundException(string what) : ChatException($"The {what} was not found.")
{
    public string What { get; } = what;
}

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class ChatForbiddenException(string message) : ChatException(message);

/// <summary>Input was refused; <see cref="Field"/> names the input it belongs to.</summary>
public sealed class ChatValidationException(string field, string message) : ChatException(message)
{
    public string Field { get; } = field;
}

/// <summary>The request conflicts with what is stored (a taken name, a duplicate).</summary>
public sealed class ChatConflictException(string field, string message) : ChatException(message)
{
    public string Field { get; } = field;
}

/// <summary>A limit was reached (rooms per user, messages per second); <see cref="RetryAfter"/> says when trying again can work.</summary>
public sealed class ChatLimitException(string message, TimeSpan? retryAfter = null) : ChatException(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
