namespace BlazorChat.Web.Components.Messages;

/// <summary>A list of completions the composer drives from its text box: the arrow keys move, Enter and Tab choose.</summary>
public interface ISuggestionList
{
    /// <summary>Moves the highlight by <paramref name="by"/>, wrapping around.</summary>
    Task MoveAsync(int by);

    /// <summary>Chooses the highlighted suggestion.</summary>
    Task PickActiveAsync();
}
