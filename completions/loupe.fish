function __loupe_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __loupe_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __loupe_parse_tokens -S
    set -l unparsed_tokens (__loupe_tokens -pc)
    switch $unparsed_tokens[1]
    case 'loupe'
        __loupe_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'observe'
            __loupe_parse_subcommand 0 'input-file=' 'last=' 'first=' 'all' 'f/follow' 'since=' 'until=' 'o/output=' 'color=' 'print-node-name' 'time-format=' 'numeric' 'ip-translation=' 'print-policy-names' 'D/debug' 's/silent-errors' 'version' 'h/help'
        case 'help'
            __loupe_parse_subcommand -r 1 'version'
        end
    end
end

function __loupe_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __loupe_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __loupe_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __loupe_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__loupe_tokens -p)
    if test -z "$(__loupe_tokens -t)"
        set -l index (count (__loupe_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'loupe' -f
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'observe' -d 'Observe flows: a one-shot query or a live tail.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" input-file' -l 'input-file' -d 'Read flows from a file of hubble JSON lines (- for standard input).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" last' -l 'last' -d 'Print the last N flows (default 20 from a server; everything from a file).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" first' -l 'first' -d 'Print the first N flows.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" all' -l 'all' -d 'Print every flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" f follow' -s 'f' -l 'follow' -d 'Follow the flow stream (a file is read to its end).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" since' -l 'since' -d 'Only flows at or after this time: a duration before now (30s, 5m, 1h30m) or an RFC 3339 time (2025-04-27T11:27:13Z).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" until' -l 'until' -d 'Only flows at or before this time (same forms as --since).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" o output' -s 'o' -l 'output' -d 'Output format: compact, dict, table (or tab), jsonpb, json.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" color' -l 'color' -d 'Colour: auto, always or never (NO_COLOR is honoured).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" print-node-name' -l 'print-node-name' -d 'Print the node name of each flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" time-format' -l 'time-format' -d 'Time layout: StampMilli, YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" numeric' -l 'numeric' -d 'Show IP addresses instead of pod, service and DNS names.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" ip-translation' -l 'ip-translation' -d 'Translate IP addresses to names (true or false).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" print-policy-names' -l 'print-policy-names' -d 'Print the policies that allowed or denied a policy verdict.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" D debug' -s 'D' -l 'debug' -d 'Print every node status event, not only errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" s silent-errors' -s 's' -l 'silent-errors' -d 'Do not print node status errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe help" version' -l 'version' -d 'Show the version.'
