function __loupe-agent_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe-agent_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __loupe-agent_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe-agent_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __loupe-agent_parse_tokens -S
    set -l unparsed_tokens (__loupe-agent_tokens -pc)
    switch $unparsed_tokens[1]
    case 'loupe-agent'
        __loupe-agent_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'serve'
            __loupe-agent_parse_subcommand 0 'scenario=' 'replay=' 'listen=' 'node=' 'buffer-size=' 'seed=' 'rate=' 'history=' 'loop' 'speed=' 'max-gap=' 'tls-cert-file=' 'tls-key-file=' 'tls-client-ca-files=+' 'basic-auth-file=' 'max-connections=' 'version' 'h/help'
        case 'scenario'
            __loupe-agent_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __loupe-agent_parse_subcommand 1 'version' 'h/help'
            end
        case 'policy'
            __loupe-agent_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'explain'
                __loupe-agent_parse_subcommand 0 'scenario=' 'from=' 'to=' 'http=' 'dns=' 'sni=' 'matrix' 'port=+' 'o/output=' 'version' 'h/help'
            end
        case 'version'
            __loupe-agent_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __loupe-agent_parse_subcommand -r 1 'version'
        end
    end
end

function __loupe-agent_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __loupe-agent_parse_subcommand -S -a positional_count
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

function __loupe-agent_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __loupe-agent_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__loupe-agent_tokens -p)
    if test -z "$(__loupe-agent_tokens -t)"
        set -l index (count (__loupe-agent_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'loupe-agent' -f
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent" -eq 1' -fa 'serve' -d 'Serve observer.Observer, peer.Peer and gRPC health from a simulated cluster or a replayed capture.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent" -eq 1' -fa 'scenario' -d 'Work with scenario files.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent" -eq 1' -fa 'policy' -d 'Ask the scenario\'s policies (NetworkPolicies and Cilium\'s).'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent" -eq 1' -fa 'version' -d 'Show the version, the git revision it was built from, the Swift version and the platform.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" scenario' -l 'scenario' -d 'Simulate the cluster of this scenario file.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" replay' -l 'replay' -d 'Replay this capture (hubble JSON lines; - for standard input).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" listen' -l 'listen' -d 'Where to listen: host:port, [v6]:port or unix:///path.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" node' -l 'node' -d 'Serve only this node of the scenario.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" buffer-size' -l 'buffer-size' -d 'Flows the ring holds.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" seed' -l 'seed' -d 'Seed of the simulation: the same seed gives the same flows.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" rate' -l 'rate' -d 'Flows per second the simulation produces.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" history' -l 'history' -d 'Simulated traffic already in the ring at start, in seconds.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" loop' -l 'loop' -d 'Replay the capture over and over.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" speed' -l 'speed' -d 'Replay this many times faster than the capture\'s timestamps.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" max-gap' -l 'max-gap' -d 'Shorten pauses in a replayed capture longer than this (a Go duration such as 1s or 500ms; 0 keeps them).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" tls-cert-file' -l 'tls-cert-file' -d 'Serve TLS with this PEM certificate (chain).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" tls-key-file' -l 'tls-key-file' -d 'The PEM key of --tls-cert-file.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve"' -l 'tls-client-ca-files' -d 'Require client certificates signed by these PEM authorities (mTLS; repeatable, or comma-separated).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" basic-auth-file' -l 'basic-auth-file' -d 'Let in only these users: one user:bcrypt-hash per line, as htpasswd -nB USER prints (needs TLS).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" max-connections' -l 'max-connections' -d 'Connections served at once; more are closed at once (each holds a descriptor and memory).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent scenario" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent scenario" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent scenario" -eq 1' -fa 'check' -d 'Validate a scenario and its policies; errors name the file, the line and the field.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent scenario check" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent scenario check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_positional "loupe-agent policy" -eq 1' -fa 'explain' -d 'Who can talk to what: the verdict for a connection and the rules that decide it.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" scenario' -l 'scenario' -d 'The scenario file.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" from' -l 'from' -d 'The client pod (or its address).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" to' -l 'to' -d 'The server: a pod, a service (DNS name, name.ns or ns/name), an external host\'s name or an address, a port, and TCP (default), UDP, SCTP, or ICMP with the type as port.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" http' -l 'http' -d 'An HTTP request to ask the L7 proxy about.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" dns' -l 'dns' -d 'A name to look up through the DNS proxy (--to defaults to kube-dns).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" sni' -l 'sni' -d 'The TLS server name (SNI) the client sends.' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" matrix' -l 'matrix' -d 'Answer every ordered pair of the scenario\'s pods for --port: . allowed, X denied, L through the L7 proxy, R refused by it.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain"' -l 'port' -d 'A port for --matrix (repeatable).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" o output' -s 'o' -l 'output' -d 'text, or json (one object per line).' -rfka ''
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent policy explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent version" version' -l 'version' -d 'Show the version.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe-agent' -n '__loupe-agent_should_offer_completions_for_flags_or_options "loupe-agent help" version' -l 'version' -d 'Show the version.'
