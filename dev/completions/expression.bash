
# The filter expression: each candidate is the whole expression up to the cursor. Inside an open
# quote (`'ns == ec`), the quote is put back in front and left open: readline closes the quote
# after a single match, so a single candidate is offered twice (once with a trailing space, which
# typing goes on from), and no space is appended.
__loupe_complete_expression() {
    local -r word="${COMP_WORDS[${COMP_CWORD}]}"
    local quote=''
    [[ "${word}" == [\'\"]* ]] && quote="${word:0:1}"
    local completion
    while IFS='' read -r completion; do
        [[ "${completion}" == "${cur}"* ]] && COMPREPLY+=("${quote}${completion}")
    done < <(__loupe_custom_complete "${@}")
    if [[ -n "${quote}" ]]; then
        compopt -o nospace 2>/dev/null
        [[ "${#COMPREPLY[@]}" -eq 1 ]] && COMPREPLY+=("${COMPREPLY[0]} ")
    fi
}
